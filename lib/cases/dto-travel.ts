import type { StayRule } from "@/lib/countries/stay-rule-order";
import type { JurisdictionRisk } from "@/lib/db/generated/enums";
import type { StayFacts } from "./stay";

/** Where the person has been, how long they may stay, and who travels with them (see ./dto.ts). */

export interface MovementDTO {
  id: string;
  country: string;
  countryRisk: JurisdictionRisk | null;
  /** The city's name, or the place typed as "other" (unsealed for the page). */
  place: string | null;
  arrivedOn: Date | null;
  leftOn: Date | null;
}

/** The stay in the current country, counted by its rule. */
export interface StayDTO {
  country: string;
  /** The rule it is counted by (null: the country has none), and when it was last checked (null: unverified). */
  rule: StayRule | null;
  checkedOn: Date | null;
  facts: StayFacts;
}

/** People travelling together (ADR 023): only the other cases the viewer may see; the rest not even counted. */
export interface CaseGroupDTO {
  kind: "FAMILY" | "UNIT" | "TRAVELLING_TOGETHER";
  members: Array<{ code: string; version: number; closed: boolean }>;
}
