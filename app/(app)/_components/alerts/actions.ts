"use server";

import { ClearAlertSchema } from "@/lib/alerts/schemas";
import { clearReadingAlert } from "@/lib/alerts/queries";
import { requireActor } from "@/lib/auth/session";
import { formAction } from "@/lib/errors/action";

/** Clearing a reading alert, from the dashboard or the audit page (both show the alerts). */
export const clearReadingAlertAction = formAction({
  actor: () => requireActor("alerts:clear"),
  schema: ClearAlertSchema,
  run: async ({ alertId }, actor) => {
    await clearReadingAlert(actor, alertId);
  },
  // The banner in the navigation of every signed-in page counts open alerts.
  revalidate: () => [["/", "layout"]],
});
