"use client";

import { useId } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { momentText } from "@/components/cases/date-text";
import { Alert } from "@/components/ui/alert";

/**
 * A one-time link shown once to the admin who asked for it. It is harmless alone: it works only
 * with the activation code that the approving coordinator receives (ADR 013), and the page says so.
 */
export function IssuedLink({ title, label, link, expiresAt }: { title: string; label: string; link: string; expiresAt: string }) {
  const t = useTranslations("adminUsers");
  const format = useFormatter();
  const id = useId();
  return (
    <Alert tone="success" title={title}>
      <p>{t("linkShownOnce", { expires: momentText(format, new Date(expiresAt)) })}</p>
      <p className="mt-1 font-medium">{t("linkNeedsCode")}</p>
      <label className="mt-2 block text-xs font-medium" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        readOnly
        value={link}
        onFocus={(e) => e.currentTarget.select()}
        className="mt-1 w-full rounded border border-emerald-400 bg-white px-2 py-1 font-mono text-xs text-slate-900"
      />
    </Alert>
  );
}
