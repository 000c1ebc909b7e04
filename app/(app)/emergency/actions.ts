"use server";

import { requestClient, requireActor } from "@/lib/auth/session";
import { afterStepUp, STEP_UP_SECRET } from "@/lib/auth/step-up-action";
import { buttonAction, formAction } from "@/lib/errors/action";
import { freezeOrganisation, requestFreezeLift } from "@/lib/organisation/freeze";
import { FreezeSchema } from "@/lib/organisation/schemas";
import { CloseOutreachSchema, OpenOutreachSchema } from "@/lib/outreach/schemas";
import { closeOutreachWindow, openOutreachWindow } from "@/lib/outreach/windows";

/**
 * Freezes the organisation at once (one coordinator: it only narrows). The form says so in a field
 * of its own, so that no call without it (a replayed or stray request) freezes anyone.
 */
export const freezeAction = formAction({
  actor: () => requireActor("org:freeze"),
  schema: FreezeSchema,
  run: (_input, actor) => freezeOrganisation(actor),
  revalidate: () => ["/emergency"],
});

/** Asks for the freeze to be lifted: another coordinator approves it at /admin/approvals. */
export const requestFreezeLiftAction = buttonAction({
  actor: () => requireActor("org:freeze"),
  run: (actor) => requestFreezeLift(actor),
  revalidate: () => ["/emergency", "/admin/approvals"],
});

/**
 * Opens an outreach window (ADR 028): a coordinator, with a fresh second-factor code in the form
 * (never handed back; a step-up that ended the session signs out).
 */
export const openOutreachAction = formAction({
  actor: () => requireActor("case:outreach"),
  schema: OpenOutreachSchema,
  secret: STEP_UP_SECRET,
  run: async (input, actor) => {
    await openOutreachWindow(actor, input, await requestClient());
  },
  revalidate: () => ["/emergency"],
  after: afterStepUp,
});

/** Closes an outreach window early: it narrows, so no code. */
export const closeOutreachAction = formAction({
  actor: () => requireActor("case:outreach"),
  schema: CloseOutreachSchema,
  run: (input, actor) => closeOutreachWindow(actor, input),
  revalidate: () => ["/emergency"],
});
