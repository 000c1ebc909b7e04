import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Figure } from "@/app/(app)/dashboard/_components/figure";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table } from "@/components/ui/table";
import type { DashboardDTO } from "@/lib/dashboard/dto";
import { countryName } from "@/lib/i18n/countries";

type Outcome = DashboardDTO["outcomes"][number];

/** Applications' outcomes by destination and type, with the median weeks to a decision (ADR 021). */
export function OutcomesCard({ data }: { data: DashboardDTO }) {
  const t = useTranslations("dashboard");
  const tc = useTranslations("case");
  const locale = useLocale();
  const format = useFormatter();
  return (
    <Card aria-labelledby="outcomes-heading">
      <CardHeader id="outcomes-heading" title={t("outcomes")} description={t("outcomesHint")} />
      <CardBody>
        {data.outcomes.length === 0 ? (
          <EmptyState title={t("noOutcomes")} />
        ) : (
          <Table
            caption={t("outcomes")}
            className="min-w-[40rem]"
            rows={data.outcomes}
            rowKey={(o) => o.key}
            columns={[
              { header: t("destination"), cell: (o: Outcome) => countryName(o.destination, locale) },
              { header: t("applicationType"), cell: (o: Outcome) => tc(`applicationType.${o.type}`) },
              {
                header: t("approved"),
                numeric: true,
                testId: (o: Outcome) => `outcome-approved-${o.destination}-${o.type}`,
                cell: (o: Outcome) => <Figure row={o.approved} />,
              },
              {
                header: t("rejected"),
                numeric: true,
                testId: (o: Outcome) => `outcome-rejected-${o.destination}-${o.type}`,
                cell: (o: Outcome) => <Figure row={o.rejected} />,
              },
              {
                header: t("pending"),
                numeric: true,
                testId: (o: Outcome) => `outcome-pending-${o.destination}-${o.type}`,
                cell: (o: Outcome) => format.number(o.pending),
              },
              {
                header: t("medianWeeks"),
                numeric: true,
                cell: (o: Outcome) => (o.medianWeeks === null ? "—" : format.number(o.medianWeeks)),
              },
            ]}
          />
        )}
      </CardBody>
    </Card>
  );
}
