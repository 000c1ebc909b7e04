"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth/session";
import { formObject, runAction } from "@/lib/errors/action";
import type { ActionResult, ActionState } from "@/lib/errors/action-result";
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

const PATH = "/admin/users";

/** A link shown once to the admin: it works only with the activation code the approver receives. */
export interface IssuedLink {
  link: string;
  expiresAt: string;
}

export async function inviteUserAction(_: ActionState<IssuedLink>, form: FormData): Promise<ActionResult<IssuedLink>> {
  return runAction(async () => {
    const actor = await requireActor("user:manage");
    const invite = await inviteUser(actor, InviteUserSchema.parse(formObject(form)));
    revalidatePath(PATH);
    return { ok: true, data: { link: invite.link, expiresAt: invite.expiresAt.toISOString() } };
  });
}

export async function changeRoleAction(_: ActionState<{ pending: boolean }>, form: FormData): Promise<ActionResult<{ pending: boolean }>> {
  return runAction(async () => {
    const actor = await requireActor("user:manage");
    const result = await changeUserRole(actor, ChangeRoleSchema.parse(formObject(form)));
    revalidatePath(PATH);
    return { ok: true, data: result };
  });
}

export async function deactivateUserAction(
  _: ActionState<{ pending: boolean }>,
  form: FormData,
): Promise<ActionResult<{ pending: boolean }>> {
  return runAction(async () => {
    const actor = await requireActor("user:manage");
    const result = await deactivateUser(actor, UserTargetSchema.parse(formObject(form)));
    revalidatePath(PATH);
    return { ok: true, data: result };
  });
}

export async function reactivateUserAction(
  _: ActionState<{ pending: boolean }>,
  form: FormData,
): Promise<ActionResult<{ pending: boolean }>> {
  return runAction(async () => {
    const actor = await requireActor("user:manage");
    const result = await reactivateUser(actor, UserTargetSchema.parse(formObject(form)));
    revalidatePath(PATH);
    return { ok: true, data: result };
  });
}

export async function resetSecondFactorAction(_: ActionState<IssuedLink>, form: FormData): Promise<ActionResult<IssuedLink>> {
  return runAction(async () => {
    const actor = await requireActor("user:manage");
    const reset = await resetSecondFactor(actor, UserTargetSchema.parse(formObject(form)));
    revalidatePath(PATH);
    return { ok: true, data: { link: reset.link, expiresAt: reset.expiresAt.toISOString() } };
  });
}

export async function requestPasswordResetAction(_: ActionState<IssuedLink>, form: FormData): Promise<ActionResult<IssuedLink>> {
  return runAction(async () => {
    const actor = await requireActor("user:manage");
    const reset = await requestPasswordReset(actor, UserTargetSchema.parse(formObject(form)));
    revalidatePath(PATH);
    return { ok: true, data: { link: reset.link, expiresAt: reset.expiresAt.toISOString() } };
  });
}

export async function revokeUserSessionsAction(
  _: ActionState<{ ended: number }>,
  form: FormData,
): Promise<ActionResult<{ ended: number }>> {
  return runAction(async () => {
    const actor = await requireActor("user:manage");
    const ended = await revokeSessionsOfUser(actor, UserTargetSchema.parse(formObject(form)));
    revalidatePath(PATH);
    return { ok: true, data: { ended } };
  });
}

export async function revokeInviteAction(_: ActionState, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const actor = await requireActor("user:manage");
    await revokeInvite(actor, RevokeInviteSchema.parse(formObject(form)).inviteId);
    revalidatePath(PATH);
    return { ok: true };
  });
}

export async function signOutEveryoneAction(_: ActionState<{ ended: number }>): Promise<ActionResult<{ ended: number }>> {
  return runAction(async () => {
    const actor = await requireActor("session:revokeAll");
    const ended = await signOutEveryone(actor);
    revalidatePath(PATH);
    return { ok: true, data: { ended } };
  });
}
