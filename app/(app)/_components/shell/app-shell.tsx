import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/(app)/actions";
import { can, homePath, type Role } from "@/lib/access/policy";
import { ClientMessages } from "@/components/i18n/client-messages";
import { env } from "@/lib/env";
import { NAV_ITEMS } from "@/app/(app)/_components/shell/nav-items";
import { NavLink } from "@/app/(app)/_components/shell/nav-link";
import { SessionTimeout } from "@/app/(app)/_components/shell/session-timeout";

/** The frame of every signed-in page: skip link, navigation by permission, sign-out, main landmark. */
export async function AppShell({
  role,
  email,
  openAlerts = 0,
  children,
}: {
  role: Role;
  email: string;
  openAlerts?: number;
  children: React.ReactNode;
}) {
  const t = await getTranslations();
  const items = NAV_ITEMS.filter((item) => can(role, item.permission));
  const nav = (
    <ul className="flex flex-col gap-1 lg:flex-row lg:items-center">
      {items.map((item) => (
        <li key={item.href}>
          <NavLink href={item.href}>{t(`nav.${item.label}`)}</NavLink>
        </li>
      ))}
    </ul>
  );
  const signOut = (
    <form action={signOutAction}>
      <button
        type="submit"
        className="w-full rounded-md border border-brand-100/40 px-3 py-2 text-left text-sm font-medium text-white hover:bg-brand-800 lg:w-auto"
      >
        {t("nav.signOut")}
      </button>
    </form>
  );

  return (
    <div className="min-h-dvh">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900"
      >
        {t("app.skipToContent")}
      </a>
      <header className="bg-brand-900 text-white">
        <div className="mx-auto flex max-w-7xl items-center gap-4 px-4 py-3 sm:px-6">
          <Link href={homePath(role)} className="text-lg font-semibold tracking-tight text-white">
            {t("app.name")}
          </Link>
          <nav aria-label={t("nav.label")} className="hidden flex-1 lg:block">
            {nav}
          </nav>
          <div className="ml-auto hidden items-center gap-3 lg:flex">
            <span className="text-right text-xs leading-tight text-brand-100">
              <span className="block max-w-48 truncate">{email}</span>
              <span className="block">{t("nav.role", { role })}</span>
            </span>
            {signOut}
          </div>
          {/* Phones: the same navigation in a disclosure that works without JavaScript. */}
          <details className="group ml-auto lg:hidden">
            <summary className="cursor-pointer list-none rounded-md border border-brand-100/40 px-3 py-2 text-sm font-medium">
              {t("nav.openMenu")}
            </summary>
            <div className="absolute inset-x-0 top-14 z-40 space-y-3 bg-brand-900 px-4 pb-4 shadow-lg">
              <nav aria-label={t("nav.label")}>{nav}</nav>
              <p className="text-xs text-brand-100">
                {t("nav.signedInAs", { email })} · {t("nav.role", { role })}
              </p>
              {signOut}
            </div>
          </details>
        </div>
      </header>
      {openAlerts > 0 ? (
        <div className="border-b border-amber-300 bg-amber-50">
          <p className="mx-auto max-w-7xl px-4 py-2 text-sm text-amber-950 sm:px-6">
            <Link
              href={can(role, "dashboard:view") ? "/dashboard#reading-alerts" : "/admin/audit#reading-alerts"}
              className="font-medium underline underline-offset-2"
            >
              {t("alerts.banner", { count: openAlerts })}
            </Link>
          </p>
        </div>
      ) : null}
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 outline-none sm:px-6 sm:py-8">
        {children}
      </main>
      <ClientMessages namespaces={["sessionTimeout"]} base={false}>
        <SessionTimeout idleMinutes={env().SESSION_IDLE_MINUTES} />
      </ClientMessages>
    </div>
  );
}
