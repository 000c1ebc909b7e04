"use server";

import { redirect } from "next/navigation";
import { confirmEnrolment } from "@/lib/auth/enrolment";
import { signOut } from "@/lib/auth/next-auth";
import { ConfirmEnrolmentSchema } from "@/lib/auth/schemas";
import { getActor } from "@/lib/auth/session";
import { UnauthenticatedError } from "@/lib/errors";
import { anyone, formAction, leavingAction } from "@/lib/errors/action";

/** The session an invitation or a recovery link opened: it can do nothing but enrol. */
async function enrollingActor() {
  const actor = await getActor();
  if (!actor?.enrolmentOnly) throw new UnauthenticatedError();
  return actor;
}

export const confirmEnrolmentAction = formAction({
  actor: enrollingActor,
  schema: ConfirmEnrolmentSchema,
  secret: ["code"],
  run: ({ code }, actor) => confirmEnrolment(actor, code),
});

/** After the recovery codes were shown: clear the (already ended) enrolment session's cookie. */
export const finishEnrolmentAction = leavingAction({
  actor: anyone,
  run: async () => {
    await signOut({ redirect: false });
    redirect("/login?notice=enrolled");
  },
});
