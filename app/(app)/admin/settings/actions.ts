"use server";

import { requireActor } from "@/lib/auth/session";
import { formAction } from "@/lib/errors/action";
import { OrganisationTimeZoneSchema, setOrganisationTimeZone } from "@/lib/organisation/time-zone";

/** Everyone who follows the organisation's zone sees the new one from their next request. */
export const setOrganisationTimeZoneAction = formAction({
  actor: () => requireActor("org:settings"),
  schema: OrganisationTimeZoneSchema,
  run: (input, actor) => setOrganisationTimeZone(actor, input),
  revalidate: () => [["/", "layout"]],
});
