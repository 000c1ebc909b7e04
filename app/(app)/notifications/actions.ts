"use server";

import { z } from "zod";
import { requireActor } from "@/lib/auth/session";
import { formAction } from "@/lib/errors/action";
import { markNotificationsRead } from "@/lib/inbox/queries";
import { UuidSchema } from "@/lib/validation/atoms";

/** Marks one notification read (`id`), or all of the reader's (no `id`). */
export const markNotificationsReadAction = formAction({
  actor: () => requireActor("notification:read"),
  schema: z.object({ id: UuidSchema.optional() }),
  run: (input, actor) => markNotificationsRead(actor, input),
  revalidate: () => ["/notifications"],
});
