import { getTranslations } from "next-intl/server";

/** The centred card of the pages outside the application shell (sign-in, enrolment, invitation). */
export async function AuthCard({
  title,
  intro,
  children,
  footer,
  wide,
}: {
  title: string;
  intro?: React.ReactNode;
  children: React.ReactNode;
  /** A line under the card (the sign-in page's privacy note). */
  footer?: React.ReactNode;
  wide?: boolean;
}) {
  const t = await getTranslations("app");
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center px-4 py-10">
      <div className={wide ? "w-full max-w-lg" : "w-full max-w-sm"}>
        <div className="mb-6 text-center">
          <p className="text-2xl font-semibold tracking-tight text-brand-800">{t("name")}</p>
          <p className="mt-1 text-sm text-slate-600">{t("tagline")}</p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
          {intro ? <div className="mt-1 mb-5 text-sm text-slate-600">{intro}</div> : <div className="mb-5" />}
          {children}
        </div>
        {footer ? <p className="mt-6 text-center text-xs text-slate-500">{footer}</p> : null}
      </div>
    </main>
  );
}
