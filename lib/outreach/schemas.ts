import { z } from "zod";
import { StepUpCodeSchema } from "@/lib/auth/step-up-code";
import { CaseCodeSchema, CountryCodeSchema } from "@/lib/validation/atoms";

/** How long an outreach window stays open: a closed list (ADR 028). */
export const OUTREACH_HOURS = [6, 12, 24, 48] as const;
/** Why it was opened: a closed list, never free text. */
export const OUTREACH_REASONS = ["ARREST", "RAID", "PHONE_SEIZED", "OTHER"] as const;
/** The most cases one window may name: an outreach after one arrest, not a way round the monitor. */
export const OUTREACH_MAX_CASES = 50;

/** Case codes typed or pasted: separated by spaces, commas, semicolons or new lines; each checked. */
const CaseCodesSchema = z
  .string()
  .max(OUTREACH_MAX_CASES * 16)
  .transform((text) => text.split(/[\s,;]+/).filter(Boolean))
  .pipe(
    z
      .array(CaseCodeSchema)
      .min(1, { error: "required" })
      .transform((codes) => [...new Set(codes)])
      .pipe(z.array(z.string()).max(OUTREACH_MAX_CASES, { error: "too_many" })),
  );

/** Hands a field's own errors to the form under that field's name. */
function refuse(ctx: z.RefinementCtx, field: "country" | "cases", error: z.ZodError): never {
  for (const issue of error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: [field] });
  return z.NEVER;
}

/**
 * Opening a window: for a country or for named cases, a duration and a reason from closed lists, and a
 * fresh second-factor code (step-up: it widens how fast contacts may be read). Fields the chosen
 * scope does not use are ignored, so a form that sends both is read by its `scope`.
 */
export const OpenOutreachSchema = z
  .object({
    scope: z.enum(["country", "named"], { error: "required" }),
    country: z.string().optional(),
    cases: z.string().optional(),
    hours: z.coerce.number().pipe(
      z.union(
        OUTREACH_HOURS.map((h) => z.literal(h)),
        { error: "invalid" },
      ),
    ),
    reason: z.enum(OUTREACH_REASONS, { error: "required" }),
    code: StepUpCodeSchema,
  })
  .transform((input, ctx) => {
    const { hours, reason, code } = input;
    if (input.scope === "country") {
      const country = CountryCodeSchema.safeParse(input.country ?? "");
      if (country.success) return { target: { kind: "country" as const, country: country.data }, hours, reason, code };
      return refuse(ctx, "country", country.error);
    }
    const codes = CaseCodesSchema.safeParse(input.cases ?? "");
    if (codes.success) return { target: { kind: "named" as const, codes: codes.data }, hours, reason, code };
    return refuse(ctx, "cases", codes.error);
  });
export type OpenOutreachInput = z.output<typeof OpenOutreachSchema>;

/** Closing a window early names it by its id. */
export const CloseOutreachSchema = z.object({ id: z.uuid({ error: "invalid" }) });
export type CloseOutreachInput = z.infer<typeof CloseOutreachSchema>;
