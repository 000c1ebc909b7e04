import type { JurisdictionRisk } from "@/lib/db/generated/enums";

/** Which way a change of a country's risk goes. Pure. */

/** "NONE": the country has no entry in the table. */
export type RiskOrNone = JurisdictionRisk | "NONE";

// How much protection the danger views give a country: lowering it hides people from them.
const RISK_RANK: Record<RiskOrNone, number> = { ORIGIN: 4, EXTRADITION_RISK: 3, TRANSIT: 2, SAFE: 1, NONE: 0 };

/** A risk change that lowers a country's risk (applies only after a coordinator confirms it). */
export function lowersRisk(from: RiskOrNone, to: RiskOrNone): boolean {
  return RISK_RANK[to] < RISK_RANK[from];
}
