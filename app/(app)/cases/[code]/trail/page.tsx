import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DateTime } from "@/components/cases/time";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { StackedList, StackedRow } from "@/components/ui/stacked-list";
import { requirePageActor } from "@/lib/auth/session";
import { getCaseTrail, TRAIL_LIMIT } from "@/lib/cases/trail";
import { casePageMetadata, readCasePage } from "@/app/(app)/cases/[code]/_components/read-case-page";

export const generateMetadata = casePageMetadata;

/** One case's audit trail, for coordinators: who read, changed or was refused it, newest first. */
export default async function CaseTrailPage({ params }: { params: Promise<{ code: string }> }) {
  const actor = await requirePageActor("case:readTrail");
  const { code, data: entries } = await readCasePage(params, (code) => getCaseTrail(actor, code));
  const t = await getTranslations("caseTrail");
  // An action or part named in older entries, and since renamed, shows as written.
  const action = (name: string) => {
    const verb = name.replace(/^case\./, "");
    return t.has(`action.${verb}`) ? t(`action.${verb}`) : name;
  };
  const field = (name: string) => (t.has(`field.${name}`) ? t(`field.${name}`) : name);
  return (
    <ClientMessages namespaces={["time"]}>
      <PageHeader
        title={t("title", { code })}
        description={t("description")}
        actions={
          <Link href={`/cases/${code}`} className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
            {t("back")}
          </Link>
        }
      />
      <Card>
        <StackedList aria-label={t("entries")}>
          {entries.map((e) => (
            <StackedRow key={e.id} dense testId="trail-entry" className="space-y-0.5 text-sm">
              <p className="font-medium text-slate-900">
                {action(e.action)}
                {e.fields.length > 0 ? <span className="font-normal text-slate-600"> · {e.fields.map(field).join(", ")}</span> : null}
              </p>
              <p className="text-xs break-all text-slate-600">
                {e.who ?? t("system")} · <DateTime date={e.at} />
              </p>
            </StackedRow>
          ))}
        </StackedList>
      </Card>
      {entries.length === TRAIL_LIMIT ? <p className="mt-3 text-xs text-slate-600">{t("limit", { count: TRAIL_LIMIT })}</p> : null}
    </ClientMessages>
  );
}
