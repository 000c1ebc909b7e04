import Link from "next/link";
import { useTranslations } from "next-intl";
import { requestErasureAction } from "@/app/(app)/cases/[code]/actions";
import { RefInputs, type CaseRef } from "@/app/(app)/cases/[code]/_components/case-ref";
import { DateTime } from "@/components/cases/time";
import { ActionForm } from "@/components/ui/action-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/form-fields";
import type { PendingErasure } from "@/lib/cases/erasure";

/**
 * "Erase this case now", for those who may ask (coordinators): the case code typed once more, then
 * asked once more; a second coordinator approves on the approvals page. While a request waits, the
 * section says who asked and until when it waits (in place of the form, announced as a status).
 */
export function EraseSection({ caseRef, pending }: { caseRef: CaseRef; pending: PendingErasure | null }) {
  const t = useTranslations("casePage");
  return (
    <Card aria-labelledby="erase-heading" className="border-red-200">
      <CardHeader id="erase-heading" title={t("erase")} description={t("eraseHint")} />
      <CardBody className="space-y-3 text-sm">
        {pending ? (
          <div className="space-y-1 rounded-md bg-amber-50 p-3 text-amber-950" data-testid="erasure-pending" role="status">
            <p className="font-medium">{t("erasurePending", { who: pending.requestedBy })}</p>
            <p className="text-xs">
              {t("erasureAsked")} <DateTime date={pending.requestedAt} /> · {t("erasureUntil")} <DateTime date={pending.expiresAt} />
            </p>
            <Link href="/admin/approvals" className="font-medium text-brand-700 underline underline-offset-2">
              {t("erasureToApprovals")}
            </Link>
          </div>
        ) : (
          <ActionForm action={requestErasureAction} aria-label={t("eraseAsk")}>
            <RefInputs {...caseRef} />
            <TextField
              name="confirmCode"
              label={t("eraseConfirmCode", { code: caseRef.code })}
              required
              autoComplete="off"
              spellCheck={false}
            />
            <ConfirmButton
              label={t("eraseAsk")}
              title={t("eraseConfirmTitle", { code: caseRef.code })}
              body={t("eraseConfirmBody")}
              pendingLabel={t("saving")}
            />
          </ActionForm>
        )}
      </CardBody>
    </Card>
  );
}
