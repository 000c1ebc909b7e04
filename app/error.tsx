"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";

// Shown for unexpected errors: no message, no stack, only the digest Next logged with the error.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errorPage");
  return (
    <main id="main" className="flex min-h-[60dvh] items-center justify-center px-4 py-16">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-red-700">500</p>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">{t("serverTitle")}</h1>
        <p className="mt-2 text-sm text-slate-600">{t("serverBody", { reference: error.digest ?? "—" })}</p>
        <div className="mt-6 flex justify-center gap-2">
          <button type="button" onClick={reset} className={buttonClass("primary", "md")}>
            {t("retry")}
          </button>
          <Link href="/" className={buttonClass("secondary", "md")}>
            {t("backHome")}
          </Link>
        </div>
      </div>
    </main>
  );
}
