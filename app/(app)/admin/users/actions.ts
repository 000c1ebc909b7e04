"use server";

import type { z } from "zod";
import { requireActor, type Actor } from "@/lib/auth/session";
import { formAction, buttonAction } from "@/lib/errors/action";
import {
  changeUserRole,
  deactivateUser,
  inviteUser,
  reactivateUser,
  revokeInvite,
  revokeSessionsOfUser,
  signOutEveryone,
} from "@/lib/users/management";
import { requestPasswordReset, resetSecondFactor } from "@/lib/users/resets";
import { ChangeRoleSchema, InviteUserSchema, RevokeInviteSchema, UserTargetSchema } from "@/lib/users/schemas";

/** A link shown once to the admin: it works only with the activation code the approver receives. */
export interface IssuedLink {
  link: string;
  expiresAt: string;
}

/** The admin's actions on the users page, which each render again. */
function userAction<S extends z.ZodType, T>(schema: S, run: (actor: Actor, input: z.output<S>) => Promise<T>) {
  return formAction({
    actor: () => requireActor("user:manage"),
    schema,
    run: (input, actor) => run(actor, input),
    revalidate: () => ["/admin/users"],
  });
}

const issued = ({ link, expiresAt }: { link: string; expiresAt: Date }): IssuedLink => ({ link, expiresAt: expiresAt.toISOString() });

export const inviteUserAction = userAction(InviteUserSchema, async (actor, input) => issued(await inviteUser(actor, input)));
export const changeRoleAction = userAction(ChangeRoleSchema, changeUserRole);
export const deactivateUserAction = userAction(UserTargetSchema, deactivateUser);
export const reactivateUserAction = userAction(UserTargetSchema, reactivateUser);
export const resetSecondFactorAction = userAction(UserTargetSchema, async (actor, input) => issued(await resetSecondFactor(actor, input)));
export const requestPasswordResetAction = userAction(UserTargetSchema, async (actor, input) =>
  issued(await requestPasswordReset(actor, input)),
);
export const revokeUserSessionsAction = userAction(UserTargetSchema, async (actor, input) => ({
  ended: await revokeSessionsOfUser(actor, input),
}));
export const revokeInviteAction = userAction(RevokeInviteSchema, async (actor, { inviteId }) => {
  await revokeInvite(actor, inviteId);
});

export const signOutEveryoneAction = buttonAction({
  actor: () => requireActor("session:revokeAll"),
  run: async (actor) => ({ ended: await signOutEveryone(actor) }),
  revalidate: () => ["/admin/users"],
});
