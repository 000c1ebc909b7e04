"use server";

import { requestClient, requireActor } from "@/lib/auth/session";
import { confirmForSecurityActions } from "@/lib/auth/step-up";
import { afterStepUp, STEP_UP_SECRET } from "@/lib/auth/step-up-action";
import { SecurityStepUpSchema } from "@/lib/auth/step-up-code";
import { formAction } from "@/lib/errors/action";

/** Confirms this session for security actions with a fresh code (the panel on the admin pages). */
export const confirmSecurityActionsAction = formAction({
  actor: () => requireActor(),
  schema: SecurityStepUpSchema,
  secret: STEP_UP_SECRET,
  run: async ({ code }, actor) => ({ until: (await confirmForSecurityActions(actor, code, await requestClient())).until.toISOString() }),
  revalidate: () => [["/admin", "layout"]],
  after: afterStepUp,
});
