import { z } from "zod";
import { CaseRef, checkbox, organisationLabel } from "@/lib/cases/schema-fields";
import { APPLICATION_TYPES } from "@/lib/cases/vocabulary";
import { CountryCodeSchema, optionalField, UuidSchema } from "@/lib/validation/atoms";

/**
 * The application checklists coordinators keep (ADR 021), and an application's answers to its
 * checklist. An item is a short label for what an application needs ("Support letter", "Bank
 * statement"); a way to reach someone (a phone number, an address, an e-mail, a link) is refused,
 * as in a partner lawyer's label. No document's content is ever recorded: only ready or missing.
 */
const Label = organisationLabel(80);

export const CHECKLIST_STATES = ["READY", "MISSING"] as const;

export const AddChecklistItemSchema = z.object({
  destinationCountry: CountryCodeSchema,
  /** Empty: the item applies to every type of application to that destination. */
  applicationType: optionalField(z.enum(APPLICATION_TYPES)),
  label: Label,
});
export type AddChecklistItemInput = z.infer<typeof AddChecklistItemSchema>;

export const UpdateChecklistItemSchema = z.object({ itemId: UuidSchema, label: Label, active: checkbox });
export type UpdateChecklistItemInput = z.infer<typeof UpdateChecklistItemSchema>;

export const MoveChecklistItemSchema = z.object({ itemId: UuidSchema, direction: z.enum(["up", "down"]) });
export type MoveChecklistItemInput = z.infer<typeof MoveChecklistItemSchema>;

/** An application's checklist: for each item, ready, missing, or not known (empty). */
export const ApplicationChecklistSchema = z.object({
  ...CaseRef,
  applicationId: UuidSchema,
  items: z
    .array(z.object({ itemId: UuidSchema, state: optionalField(z.enum(CHECKLIST_STATES)) }))
    .max(100)
    .refine((items) => new Set(items.map((i) => i.itemId)).size === items.length, { error: "duplicate_item" }),
});
export type ApplicationChecklistInput = z.infer<typeof ApplicationChecklistSchema>;
