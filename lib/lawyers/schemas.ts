import { z } from "zod";
import { checkbox, organisationLabel } from "@/lib/cases/schema-fields";
import { CountryCodeSchema, optionalField, UuidSchema } from "@/lib/validation/atoms";

/**
 * A partner lawyer as admins keep them: the name the team knows them by and where they practise.
 * A way to reach them (a phone number, an address, an e-mail) belongs in the organisation's own
 * contacts, not here: those are refused like in a case's free text.
 */
const Label = organisationLabel(80);

export const AddPartnerLawyerSchema = z.object({ label: Label, country: optionalField(CountryCodeSchema) });
export type AddPartnerLawyerInput = z.infer<typeof AddPartnerLawyerSchema>;

export const UpdatePartnerLawyerSchema = z.object({
  lawyerId: UuidSchema,
  label: Label,
  country: optionalField(CountryCodeSchema),
  active: checkbox,
});
export type UpdatePartnerLawyerInput = z.infer<typeof UpdatePartnerLawyerSchema>;
