import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/(app)/actions";
import { can, homePath, type Role } from "@/lib/access/policy";
import { ClientMessages } from "@/components/i18n/client-messages";
import { env } from "@/lib/env";
import { UNREAD_SHOWN_UP_TO } from "@/lib/inbox/queries";
import { NAV_ITEMS } from "@/app/(app)/_components/shell/nav-items";
import { NavLink } from "@/app/(app)/_components/shell/nav-link";
import { SessionTimeout } from "@/app/(app)/_components/shell/session-timeout";

/** The frame of every signed-in page: skip link, navigation by permission, sign-out, main landmark. */
export async function AppShell({
  role,
  email,
  openAlerts = 0,
  unreadNotifications = null,
  frozen = false,
  children,
}: {
  role: Role;
  email: string;
  openAlerts?: number;
  /** Unread notifications, for those who get them (null: no notifications for this role). */
  unreadNotifications?: number | null;
  /** The organisation is frozen (lib/organisation/freeze.ts): every page says so. */
  frozen?: boolean;
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

  const bell =
    unreadNotifications === null ? null : (
      <Link
        href="/notifications"
        className="ml-auto inline-flex items-center gap-1 rounded-md px-2 py-2 text-sm font-medium text-white hover:bg-brand-800 lg:ml-0"
        data-testid="notifications-link"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5">
          <path d="M10 2a6 6 0 0 0-6 6v3.59l-1.7 1.7A1 1 0 0 0 3 15h14a1 1 0 0 0 .7-1.71L16 11.59V8a6 6 0 0 0-6-6Zm0 16a2.5 2.5 0 0 1-2.45-2h4.9A2.5 2.5 0 0 1 10 18Z" />
        </svg>
        <span className="sr-only">
          {unreadNotifications > UNREAD_SHOWN_UP_TO
            ? t("nav.notificationsMany", { count: UNREAD_SHOWN_UP_TO })
            : t("nav.notifications", { count: unreadNotifications })}
        </span>
        {unreadNotifications > 0 ? (
          <span aria-hidden="true" className="rounded-full bg-amber-300 px-1.5 text-xs font-semibold text-brand-900">
            {unreadNotifications > UNREAD_SHOWN_UP_TO ? `${UNREAD_SHOWN_UP_TO}+` : unreadNotifications}
          </span>
        ) : null}
      </Link>
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
          {bell}
          <div className={`${bell ? "" : "ml-auto "}hidden items-center gap-3 lg:flex`}>
            <span className="text-right text-xs leading-tight text-brand-100">
              <span className="block max-w-48 truncate">{email}</span>
              <span className="block">{t("nav.role", { role })}</span>
            </span>
            {signOut}
          </div>
          {/* Phones: the same navigation in a disclosure that works without JavaScript. */}
          <details className={`group ${bell ? "" : "ml-auto "}lg:hidden`}>
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
      {frozen ? (
        <div className="border-b border-red-300 bg-red-50" role="status" data-testid="frozen-banner">
          <p className="mx-auto max-w-7xl px-4 py-2 text-sm font-medium text-red-900 sm:px-6">
            {t("emergency.banner")}
            {can(role, "org:freeze") ? (
              <>
                {" "}
                <Link href="/emergency" className="underline underline-offset-2">
                  {t("emergency.bannerLink")}
                </Link>
              </>
            ) : null}
          </p>
        </div>
      ) : null}
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
