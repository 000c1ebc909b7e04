"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { verifyAuditChainAction, type ChainCheck } from "@/app/(app)/admin/audit/actions";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

/** Recomputes the audit log's hash chain on demand and says whether it is intact. */
export function VerifyChain() {
  const t = useTranslations("audit");
  const [check, setCheck] = useState<ChainCheck | null>(null);
  return (
    <div className="space-y-3">
      <ActionForm action={verifyAuditChainAction} onSuccess={(r) => setCheck(r.data ?? null)} className="space-y-0">
        <SubmitButton variant="secondary" pendingLabel={t("verifying")}>
          {t("verify")}
        </SubmitButton>
      </ActionForm>
      {check ? (
        check.ok ? (
          <Alert tone="success" title={t("chainIntact")}>
            {t("chainIntactBody", { entries: check.entries })} <span className="break-all font-mono text-xs">{check.headHash}</span>
          </Alert>
        ) : (
          <Alert tone="danger" title={t("chainBroken")}>
            {t("chainBrokenBody", { entry: check.brokenAt ?? "?", reason: t(`brokenReason.${check.reason}`) })}
          </Alert>
        )
      ) : null}
    </div>
  );
}
