import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import {
  ChangePasswordForm,
  EndSessionButton,
  LanguageForm,
  RegenerateRecoveryCodesForm,
  SignOutEverywhereForm,
  TimeZoneForm,
} from "@/app/(app)/account/_components/account-forms";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { StackedList, StackedRow } from "@/components/ui/stacked-list";
import { momentText } from "@/components/cases/date-text";
import { getAccount } from "@/lib/account/overview";
import { requirePageActor } from "@/lib/auth/session";
import { ClientMessages } from "@/components/i18n/client-messages";
import { TIME_ZONES } from "@/lib/time/zones";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

export default async function AccountPage() {
  const actor = await requirePageActor("account:self");
  const [account, t, tNav, format] = await Promise.all([
    getAccount(actor),
    getTranslations("account"),
    getTranslations("nav"),
    getFormatter(),
  ]);

  return (
    <ClientMessages namespaces={["account"]}>
      <>
        <PageHeader title={t("title")} description={`${account.email} · ${tNav("role", { role: account.role })}`} />
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <Card aria-labelledby="password-heading">
            <CardHeader id="password-heading" title={t("passwordTitle")} description={t("passwordDescription")} />
            <CardBody>
              <ChangePasswordForm />
            </CardBody>
          </Card>
          <Card aria-labelledby="sessions-heading" className="lg:row-span-2">
            <CardHeader id="sessions-heading" title={t("sessionsTitle")} description={t("sessionsDescription")} />
            <StackedList>
              {account.sessions.map((session) => (
                <StackedRow
                  key={session.ref}
                  testId="session-row"
                  className="text-sm"
                  actions={<EndSessionButton sessionRef={session.ref} current={session.current} />}
                >
                  <p className="font-medium text-slate-900">
                    {session.client} {session.current ? <Badge tone="info">{t("thisSession")}</Badge> : null}
                  </p>
                  <p className="text-slate-600">
                    {t("sessionDetails", {
                      network: session.networkHint,
                      started: momentText(format, session.createdAt),
                      seen: momentText(format, session.lastSeenAt),
                    })}
                  </p>
                </StackedRow>
              ))}
            </StackedList>
            <CardBody className="border-t border-slate-200">
              <SignOutEverywhereForm />
            </CardBody>
          </Card>
          <Card aria-labelledby="recovery-heading">
            <CardHeader
              id="recovery-heading"
              title={t("recoveryTitle")}
              description={t("recoveryDescription", { count: account.unusedRecoveryCodes })}
            />
            <CardBody>
              <RegenerateRecoveryCodesForm />
            </CardBody>
          </Card>
          <Card aria-labelledby="language-heading">
            <CardHeader id="language-heading" title={t("languageTitle")} />
            <CardBody>
              <LanguageForm locale={account.locale} />
            </CardBody>
          </Card>
          <Card aria-labelledby="time-zone-heading">
            <CardHeader id="time-zone-heading" title={t("timeZoneTitle")} />
            <CardBody>
              <TimeZoneForm timeZone={account.timeZone} organisationTimeZone={actor.organisationTimeZone ?? "UTC"} zones={TIME_ZONES} />
            </CardBody>
          </Card>
        </div>
      </>
    </ClientMessages>
  );
}
