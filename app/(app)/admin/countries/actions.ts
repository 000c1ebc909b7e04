"use server";

import { requireActor } from "@/lib/auth/session";
import { setCountryRisk } from "@/lib/countries/risk";
import { SetCountryRiskSchema } from "@/lib/countries/schemas";
import { formAction } from "@/lib/errors/action";

export const setCountryRiskAction = formAction({
  actor: () => requireActor("country:manage"),
  schema: SetCountryRiskSchema,
  run: (input, actor) => setCountryRisk(actor, input),
  revalidate: () => ["/admin/countries"],
});
