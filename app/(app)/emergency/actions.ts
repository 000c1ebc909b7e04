"use server";

import { requireActor } from "@/lib/auth/session";
import { buttonAction, formAction } from "@/lib/errors/action";
import { freezeOrganisation, requestFreezeLift } from "@/lib/organisation/freeze";
import { FreezeSchema } from "@/lib/organisation/schemas";

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
