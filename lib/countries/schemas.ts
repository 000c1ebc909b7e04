import { z } from "zod";
import { JURISDICTION_RISKS } from "@/lib/cases/vocabulary";
import { CountryCodeSchema } from "@/lib/validation/atoms";

export const SetCountryRiskSchema = z.object({
  countryCode: CountryCodeSchema,
  // "NONE" removes the entry: the country then has no recorded risk.
  risk: z.enum([...JURISDICTION_RISKS, "NONE"], { error: "invalid_risk" }),
});
export type SetCountryRiskInput = z.infer<typeof SetCountryRiskSchema>;
