import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { dayText } from "@/components/cases/date-text";
import { DateTime } from "@/components/cases/time";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { TimelineEventDTO } from "@/lib/cases/dto";
import { LEGAL_RISK_RULE_IDS, type LegalRiskRuleId } from "@/lib/cases/legal-risk-rules";
import { countryName } from "@/lib/i18n/countries";

/** Every change of the case, oldest first: who, when, what. */
export function TimelineSection({
  events,
  people,
  trailHref,
}: {
  events: TimelineEventDTO[];
  people: Record<string, string>;
  /** For those who may read the case's audit trail (coordinators): where it is. */
  trailHref?: string;
}) {
  const t = useTranslations("casePage");
  return (
    <Card aria-labelledby="timeline-heading">
      <CardHeader
        id="timeline-heading"
        title={t("timeline")}
        actions={
          trailHref ? (
            <Link href={trailHref} className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
              {t("trailLink")}
            </Link>
          ) : undefined
        }
      />
      <CardBody>
        <CaseTimeline events={events} people={people} />
      </CardBody>
    </Card>
  );
}

function CaseTimeline({ events, people }: { events: TimelineEventDTO[]; people: Record<string, string> }) {
  const t = useTranslations("timeline");
  const tc = useTranslations("case");
  const ta = useTranslations("assistance");
  const locale = useLocale();
  const format = useFormatter();
  // The rules that raised a risk, as the timeline sealed them ("id,id"); ids no longer in the table are skipped.
  const rules = (value: unknown) =>
    typeof value === "string"
      ? value
          .split(",")
          .filter((id): id is LegalRiskRuleId => (LEGAL_RISK_RULE_IDS as readonly string[]).includes(id))
          .map((id) => tc(`legalRule.${id}`))
          .join("; ")
      : "";
  const day = (value: unknown) => (typeof value === "string" ? dayText(format, value) : t("unknownDay"));
  // "10 Jan 2026 → 8 Jan 2026", or "—" when that day did not change.
  const change = (from: unknown, to: unknown) => (from === to ? "—" : `${day(from)} → ${day(to)}`);
  const status = (value: unknown) => (typeof value === "string" && value ? tc(`status.${value}`) : "—");
  const describe = (event: TimelineEventDTO): string => {
    const d = event.detail;
    switch (event.type) {
      case "STATUS_CHANGED":
        return d.reopened
          ? t("reopened", { to: status(d.to) })
          : d.to === "CLOSED"
            ? t("closed", { from: status(d.from), reason: typeof d.reason === "string" ? tc(`closeReason.${d.reason}`) : "" })
            : t("statusChanged", { from: status(d.from), to: status(d.to) });
      case "LOCATION_CHANGED":
        return t("moved", {
          from: typeof d.from === "string" ? countryName(d.from, locale) : "—",
          to: typeof d.to === "string" ? countryName(d.to, locale) : "—",
        });
      case "ASSIGNED":
        if (d.reason === "caseworker_deactivated") return t("unassignedDeactivated");
        if (d.reason === "caseworker_role_changed") return t("unassignedRoleChanged");
        return t("assigned", { to: typeof d.to === "string" ? (people[d.to] ?? t("someone")) : t("nobody") });
      case "RISK_CHANGED":
        return (
          t("riskChanged", {
            from: typeof d.from === "string" ? tc(`riskLevel.${d.from}`) : "—",
            to: typeof d.to === "string" ? tc(`riskLevel.${d.to}`) : "—",
          }) +
          (d.because === "legal_exposure"
            ? ` ${t("becauseLegal")}`
            : d.because === "legal_rules"
              ? ` ${t("becauseRules", { rules: rules(d.rules) })}`
              : "")
        );
      case "WANTED_ADDED":
      case "WANTED_REMOVED":
        return t(event.type, { scope: typeof d.scope === "string" ? tc(`wantedScope.${d.scope}`) : "" });
      case "EXTRADITION_ADDED":
      case "EXTRADITION_UPDATED":
        return t(event.type, {
          country: typeof d.country === "string" ? countryName(d.country, locale) : "",
          stage: typeof (d.to ?? d.stage) === "string" ? tc(`extraditionStage.${String(d.to ?? d.stage)}`) : "",
        });
      case "APPLICATION_ADDED":
        return t("applicationAdded", {
          type: typeof d.type === "string" ? tc(`applicationType.${d.type}`) : "",
          destination: typeof d.destination === "string" ? countryName(d.destination, locale) : "",
        });
      case "APPLICATION_UPDATED":
        return t("applicationUpdated", {
          destination: typeof d.destination === "string" ? countryName(d.destination, locale) : "",
          to: typeof d.to === "string" ? tc(`applicationStatus.${d.to}`) : "",
        });
      case "CHECKLIST_UPDATED":
        return t("checklistUpdated", {
          destination: typeof d.destination === "string" ? countryName(d.destination, locale) : "",
          items: typeof d.items === "number" ? d.items : 0,
        });
      case "SUPPORT_LETTER_ISSUED":
        return t("supportLetterIssued", { destination: typeof d.destination === "string" ? countryName(d.destination, locale) : "" });
      case "MOVEMENT_CORRECTED":
        return t("movementCorrected", {
          country: typeof d.country === "string" ? countryName(d.country, locale) : "",
          arrived: change(d.arrivedFrom, d.arrivedTo),
          left: change(d.leftFrom, d.leftTo),
          reason: typeof d.reason === "string" ? d.reason : "",
        });
      case "ASSISTANCE_RECORDED":
        return t("assistanceRecorded", {
          type: typeof d.type === "string" ? ta(`type.${d.type}`) : "",
          status: typeof d.status === "string" ? ta(`status.${d.status}`) : "",
        });
      case "ASSISTANCE_DECIDED":
        return t("assistanceDecided", {
          type: typeof d.type === "string" ? ta(`type.${d.type}`) : "",
          to: typeof d.to === "string" ? ta(`status.${d.to}`) : "",
        });
      case "MERGED":
        // The other record of the same person, by its code (sealed in the event, ADR 031).
        return t("merged", { code: typeof d.code === "string" ? d.code : "" });
      case "GROUP_JOINED":
      case "GROUP_LEFT": {
        // The kind only: an event never names the other cases of the group (ADR 023).
        const joined = event.type === "GROUP_JOINED";
        if (typeof d.kind === "string" && tc.has(`groupKind.${d.kind}`))
          return t(joined ? "groupJoined" : "groupLeft", { kind: tc(`groupKind.${d.kind}`) });
        return d.other ? t(joined ? "groupOtherJoined" : "groupOtherLeft") : t(event.type);
      }
      case "NEXT_STEP_CHANGED": {
        // What changed, by name ("text,due"); the values are on the step itself.
        const what = typeof d.changed === "string" ? d.changed.split(",").filter((f) => t.has(`taskField.${f}`)) : [];
        if (d.bulk) return t("tasksReassigned", { count: typeof d.count === "number" ? d.count : 1 });
        return what.length ? t("taskChanged", { what: what.map((f) => t(`taskField.${f}`)).join(", ") }) : t(event.type);
      }
      case "CASE_CREATED":
        return t("created");
      default:
        return t(event.type);
    }
  };
  return (
    <ol className="space-y-3" aria-label={t("label")}>
      {events.map((event) => (
        <li key={event.id} className="relative border-l-2 border-slate-200 pl-4 text-sm">
          <span aria-hidden="true" className="absolute top-1.5 -left-[5px] size-2 rounded-full bg-brand-600" />
          <p className="text-slate-900">{describe(event)}</p>
          <p className="text-xs text-slate-600">
            <DateTime date={event.at} /> · {event.actor ?? t("system")}
          </p>
        </li>
      ))}
    </ol>
  );
}
