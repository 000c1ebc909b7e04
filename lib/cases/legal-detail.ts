import "server-only";
import { caseFieldContext } from "@/lib/crypto/envelope";
import type { JurisdictionRisk } from "@/lib/db/generated/enums";
import type { CaseDetailDTO } from "./dto";
import { boundByEchr } from "./interim-measures";
import { assessLegalRisk } from "./legal-risk-rules";
import type { CaseKey } from "./sealed";

/** The legal part of the case page: sealed months and days opened, and what the risk rules say now. */
export function legalDetail(
  row: {
    id: string;
    currentCountry: string;
    criminalCase: CaseDetailDTO["legal"]["criminalCase"];
    criminalArticle: CaseDetailDTO["legal"]["criminalArticle"];
    criminalOpenedEnc: string | null;
    criminalStageEnc: string | null;
    detained: boolean;
    wantedEntries: Array<{
      id: string;
      scope: CaseDetailDTO["legal"]["wanted"][number]["scope"];
      requestingState: string | null;
      knownEnc: string | null;
    }>;
    extraditions: Array<
      Omit<CaseDetailDTO["legal"]["extraditions"][number], "appealDue" | "echrBound" | "partnerLawyerId"> & {
        appealDueEnc: string | null;
        partnerLawyerEnc: string | null;
      }
    >;
  },
  key: CaseKey,
  risks: ReadonlyMap<string, JurisdictionRisk>,
): CaseDetailDTO["legal"] {
  const context = caseFieldContext;
  const assessment = assessLegalRisk({
    country: row.currentCountry,
    countryRisk: risks.get(row.currentCountry) ?? null,
    detained: row.detained,
    criminalCase: row.criminalCase,
    wanted: row.wantedEntries.map((e) => e.scope),
    extraditions: row.extraditions,
  });
  return {
    criminalCase: row.criminalCase,
    criminalArticle: row.criminalArticle,
    criminalOpened: key.open(context.criminalOpened(row.id), row.criminalOpenedEnc),
    criminalStageSince: key.open(context.criminalStage(row.id), row.criminalStageEnc),
    detained: row.detained,
    wanted: row.wantedEntries.map((e) => ({
      id: e.id,
      scope: e.scope,
      requestingState: e.requestingState,
      knownMonth: key.open(context.wantedKnown(e.id), e.knownEnc),
    })),
    extraditions: row.extraditions.map(({ appealDueEnc, partnerLawyerEnc, ...p }) => ({
      id: p.id,
      country: p.country,
      requestingState: p.requestingState,
      stage: p.stage,
      appealDue: key.openDay(context.appealDue(p.id), appealDueEnc),
      catMeasure: p.catMeasure,
      echrMeasure: p.echrMeasure,
      lawyer: p.lawyer,
      partnerLawyerId: key.open(context.partnerLawyer(p.id), partnerLawyerEnc),
      echrBound: boundByEchr(p.country),
    })),
    rules: { level: assessment.level, applying: assessment.applying },
  };
}
