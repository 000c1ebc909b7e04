import { randomUUID } from "node:crypto";
import { DEFAULT_RATINGS } from "@/lib/countries/defaults";
import { caseFieldContext } from "@/lib/crypto/envelope";
import type { CaseKey } from "@/lib/cases/sealed";
import { boundByEchr } from "@/lib/cases/interim-measures";
import { assessLegalRisk, higherRisk, type LegalRiskAssessment } from "@/lib/cases/legal-risk-rules";
import type {
  CaseEventType,
  CriminalArticle,
  CriminalCaseStatus,
  ExtraditionStage,
  InterimMeasure,
  LawyerEngagement,
  RiskLevel,
  WantedScope,
} from "@/lib/db/generated/enums";
import type { Prng } from "./prng";
import { DAY, daysFrom } from "./story";

/**
 * A demo person's legal danger, drawn from a stream of its own (so the rest of the demo data stays
 * as it was): how far the criminal case went and under which article, the wanted lists and the
 * extradition proceedings, with months and an appeal's day; and the risk the rules then call for.
 */

export interface DemoLegal {
  criminalCase: CriminalCaseStatus;
  criminalArticle: CriminalArticle | null;
  criminalOpened: string | null;
  criminalStageSince: string | null;
  detained: boolean;
  wanted: Array<{ scope: WantedScope; requestingState: string; knownMonth: string | null; at: Date }>;
  extraditions: Array<{
    country: string;
    requestingState: string;
    stage: ExtraditionStage;
    appealDue: Date | null;
    catMeasure: InterimMeasure;
    echrMeasure: InterimMeasure;
    lawyer: LawyerEngagement;
    at: Date;
  }>;
  /** What the rules say of it, where the person is now. */
  assessment: LegalRiskAssessment;
}

const month = (date: Date) => date.toISOString().slice(0, 7);

export function demoLegal(
  random: Prng,
  story: { criminalCase: CriminalCaseStatus; wanted: boolean; extradition: boolean; detained: boolean; origin: string; country: string },
  createdAt: Date,
  now: Date,
): DemoLegal {
  const { origin, country } = story;
  let criminalCase = story.criminalCase;
  if (criminalCase === "OPENED")
    criminalCase = random.weighted<CriminalCaseStatus>([
      ["OPENED", 3],
      ["CHARGED", 2],
      ["TRIED_IN_ABSENTIA", 1],
      ["SENTENCED", 1],
    ]);
  const known = criminalCase !== "NONE_KNOWN";
  const opened = daysFrom(createdAt, -random.int(20, 200));
  const span = Math.max(1, Math.floor((now.getTime() - opened.getTime()) / DAY));
  // When staff recorded it: never before the case was opened.
  const recorded = (date: Date) => new Date(Math.max(date.getTime(), createdAt.getTime() + 3_600_000));
  const between = (from: Date) => daysFrom(from, random.int(0, Math.max(0, Math.floor((now.getTime() - from.getTime()) / DAY))));
  const wanted: DemoLegal["wanted"] = [];
  if (story.wanted) {
    const listed = between(opened);
    wanted.push({
      scope: "NATIONAL",
      requestingState: origin,
      knownMonth: random.next() < 0.8 ? month(listed) : null,
      at: recorded(listed),
    });
    // Most people later learn the search went interstate; a few, that Interpol was asked.
    if (random.next() < 0.6) {
      const at = between(listed);
      wanted.push({ scope: "INTERSTATE", requestingState: origin, knownMonth: month(at), at: recorded(at) });
    }
    if (random.next() < 0.15) {
      const at = between(listed);
      wanted.push({
        scope: random.pick(["INTERPOL_DIFFUSION", "INTERPOL_RED_NOTICE_REQUESTED"] as const),
        requestingState: origin,
        knownMonth: month(at),
        at: recorded(at),
      });
    }
  }
  const extraditions: DemoLegal["extraditions"] = [];
  if (story.extradition) {
    const at = between(daysFrom(now, -Math.min(span, 120)));
    const stage = random.weighted<ExtraditionStage>([
      ["REQUEST_RECEIVED", 3],
      ["COURT_DECISION", 2],
      ["APPEAL", 2],
      ["RELEASED", 2],
    ]);
    const bound = boundByEchr(country);
    extraditions.push({
      country,
      requestingState: origin,
      stage,
      appealDue: stage === "COURT_DECISION" || stage === "APPEAL" ? daysFrom(now, random.int(3, 20)) : null,
      catMeasure: random.weighted<InterimMeasure>([
        ["NOT_REQUESTED", 2],
        ["REQUESTED", 2],
        ["GRANTED", 1],
      ]),
      echrMeasure: bound ? random.pick(["REQUESTED", "GRANTED"] as const) : "NOT_REQUESTED",
      lawyer: random.weighted<LawyerEngagement>([
        ["PARTNER", 3],
        ["OTHER", 1],
        ["NONE", 1],
      ]),
      at: recorded(at),
    });
  }
  const legal = {
    criminalCase,
    criminalArticle: known
      ? random.weighted<CriminalArticle>([
          ["UNAUTHORISED_ABSENCE", 5],
          ["DESERTION", 2],
          ["REFUSAL_TO_OBEY", 1],
          ["UNKNOWN", 1],
        ])
      : null,
    criminalOpened: known && random.next() < 0.7 ? month(opened) : null,
    criminalStageSince: ["CHARGED", "TRIED_IN_ABSENTIA", "SENTENCED"].includes(criminalCase) ? month(between(opened)) : null,
    detained: story.detained,
    wanted,
    extraditions,
  };
  const assessment = assessLegalRisk({
    country,
    countryRisk: DEFAULT_RATINGS.get(country) ?? null,
    detained: legal.detained,
    criminalCase,
    wanted: wanted.map((w) => w.scope),
    extraditions,
  });
  return { ...legal, assessment };
}

export function riskUnderRules(base: RiskLevel, legal: Pick<DemoLegal, "assessment">): RiskLevel {
  return higherRisk(base, legal.assessment.level);
}

/** The legal danger as the app stores it: the case's columns, its parts, and the timeline's events. */
export function demoLegalRows(key: CaseKey, legal: DemoLegal, before: RiskLevel, after: RiskLevel) {
  const caseId = key.caseId;
  const wanted = legal.wanted.map((w) => {
    const id = randomUUID();
    return {
      id,
      scope: w.scope,
      requestingState: w.requestingState,
      knownEnc: key.sealMonth(caseFieldContext.wantedKnown(id), w.knownMonth),
      createdAt: w.at,
    };
  });
  const extraditions = legal.extraditions.map(({ appealDue, at, ...p }) => {
    const id = randomUUID();
    return { ...p, id, appealDueEnc: key.sealDay(caseFieldContext.appealDue(id), appealDue), createdAt: at, updatedAt: at };
  });
  const last = [...legal.wanted.map((w) => w.at), ...legal.extraditions.map((p) => p.at)].sort((a, b) => a.getTime() - b.getTime()).at(-1);
  const events: Array<{ type: CaseEventType; at: Date; detail: Record<string, string | number | boolean> }> = [
    ...legal.wanted.map((w) => ({ type: "WANTED_ADDED" as const, at: w.at, detail: { scope: w.scope, state: w.requestingState } })),
    ...legal.extraditions.map((p) => ({ type: "EXTRADITION_ADDED" as const, at: p.at, detail: { country: p.country, stage: p.stage } })),
    ...(after !== before && last
      ? [
          {
            type: "RISK_CHANGED" as const,
            at: last,
            detail: { from: before, to: after, because: "legal_rules", rules: legal.assessment.reasons.join(",") },
          },
        ]
      : []),
  ];
  return {
    columns: {
      criminalCase: legal.criminalCase,
      criminalArticle: legal.criminalArticle,
      criminalOpenedEnc: key.sealMonth(caseFieldContext.criminalOpened(caseId), legal.criminalOpened),
      criminalStageEnc: key.sealMonth(caseFieldContext.criminalStage(caseId), legal.criminalStageSince),
      detained: legal.detained,
      wantedEntries: { create: wanted },
      extraditions: { create: extraditions },
    },
    events,
  };
}
