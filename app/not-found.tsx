import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";

// One answer for "does not exist" and "not yours": it says nothing about which.
export default async function NotFound() {
  const t = await getTranslations("errorPage");
  return (
    <main id="main" className="flex min-h-[60dvh] items-center justify-center px-4 py-16">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-brand-700">404</p>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">{t("notFoundTitle")}</h1>
        <p className="mt-2 text-sm text-slate-600">{t("notFoundBody")}</p>
        <Link href="/" className={buttonClass("secondary", "md", "mt-6")}>
          {t("backHome")}
        </Link>
      </div>
    </main>
  );
}
