"use server";

import { requireActor } from "@/lib/auth/session";
import { setCountryRisk } from "@/lib/countries/risk";
import { SetCountryRiskSchema } from "@/lib/countries/schemas";
import { SetStayRuleSchema } from "@/lib/countries/stay-rule-schemas";
import { setStayRule } from "@/lib/countries/stay-rules";
import { formAction } from "@/lib/errors/action";

export const setCountryRiskAction = formAction({
  actor: () => requireActor("country:manage"),
  schema: SetCountryRiskSchema,
  run: (input, actor) => setCountryRisk(actor, input),
  revalidate: () => ["/admin/countries"],
});

export const setStayRuleAction = formAction({
  actor: () => requireActor("country:manage"),
  schema: SetStayRuleSchema,
  run: (input, actor) => setStayRule(actor, input),
  revalidate: () => ["/admin/countries"],
});
