"use client";

import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";

/** Recovery codes, shown once right after they are made. */
export function RecoveryCodesList({ codes }: { codes: string[] }) {
  const t = useTranslations("account");
  return (
    <Alert tone="warning" title={t("recoveryCodesTitle")}>
      <p>{t("recoveryCodesOnce")}</p>
      <ol
        className="mt-3 grid grid-cols-1 gap-1 font-mono text-sm sm:grid-cols-2"
        aria-label={t("recoveryCodesTitle")}
        data-testid="recovery-codes"
      >
        {codes.map((code) => (
          <li key={code} className="rounded bg-white px-2 py-1 text-slate-900">
            {code}
          </li>
        ))}
      </ol>
    </Alert>
  );
}
