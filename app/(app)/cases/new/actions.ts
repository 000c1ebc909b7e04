"use server";

import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { createCaseFromIntake } from "@/lib/cases/mutations";
import { IntakeSchema } from "@/lib/cases/schemas";
import { formAction } from "@/lib/errors/action";

export const createCaseAction = formAction({
  actor: () => requireActor("case:create"),
  schema: IntakeSchema,
  run: async (input, actor) => {
    const { code } = await createCaseFromIntake(actor, input);
    redirect(`/cases/${code}?created=1`);
  },
});
