"use server";

import { requireActor } from "@/lib/auth/session";
import { formAction } from "@/lib/errors/action";
import { addPartnerLawyer, updatePartnerLawyer } from "@/lib/lawyers/partners";
import { AddPartnerLawyerSchema, UpdatePartnerLawyerSchema } from "@/lib/lawyers/schemas";

export const addPartnerLawyerAction = formAction({
  actor: () => requireActor("lawyer:manage"),
  schema: AddPartnerLawyerSchema,
  run: async (input, actor) => {
    await addPartnerLawyer(actor, input);
  },
  revalidate: () => ["/admin/lawyers"],
});

export const updatePartnerLawyerAction = formAction({
  actor: () => requireActor("lawyer:manage"),
  schema: UpdatePartnerLawyerSchema,
  run: async (input, actor) => {
    await updatePartnerLawyer(actor, input);
  },
  revalidate: () => ["/admin/lawyers"],
});
