"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { changePassword, endOwnSessionByRef, regenerateRecoveryCodes, setLocale, signOutEverywhere } from "@/lib/account/account";
import {
  ChangePasswordSchema,
  EndSessionSchema,
  LocaleSchema,
  RegenerateRecoveryCodesSchema,
  SignOutEverywhereSchema,
} from "@/lib/account/schemas";
import { signOut } from "@/lib/auth/next-auth";
import { requestClient, requireActor } from "@/lib/auth/session";
import { afterStepUp } from "@/lib/auth/step-up-action";
import { formObject, runAction, runFormAction } from "@/lib/errors/action";
import type { ActionResult, ActionState } from "@/lib/errors/action-result";

const PATH = "/account";

export async function changePasswordAction(
  _: ActionState<{ sessionsEnded: number }>,
  form: FormData,
): Promise<ActionResult<{ sessionsEnded: number }>> {
  return afterStepUp(
    await runFormAction(form, async () => {
      const actor = await requireActor("account:self");
      const result = await changePassword(actor, ChangePasswordSchema.parse(formObject(form)), await requestClient());
      revalidatePath(PATH);
      return { ok: true, data: result };
    }),
  );
}

export async function endSessionAction(_: ActionState, form: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const actor = await requireActor("account:self");
    const { endedCurrent } = await endOwnSessionByRef(actor, EndSessionSchema.parse(formObject(form)).session);
    return { ok: true, data: { endedCurrent } } as const;
  });
  if (result.ok && result.data?.endedCurrent) {
    await signOut({ redirect: false });
    redirect("/login?notice=signedOut");
  }
  revalidatePath(PATH);
  return result.ok ? { ok: true } : result;
}

export async function signOutEverywhereAction(_: ActionState, form: FormData): Promise<ActionResult> {
  const result = await afterStepUp(
    await runFormAction(form, async () => {
      const actor = await requireActor("account:self");
      await signOutEverywhere(actor, SignOutEverywhereSchema.parse(formObject(form)), await requestClient());
      return { ok: true };
    }),
  );
  if (!result.ok) return result;
  await signOut({ redirect: false });
  redirect("/login?notice=signedOut");
}

export async function regenerateRecoveryCodesAction(
  _: ActionState<{ codes: string[] }>,
  form: FormData,
): Promise<ActionResult<{ codes: string[] }>> {
  return afterStepUp(
    await runFormAction(form, async () => {
      const actor = await requireActor("account:self");
      const codes = await regenerateRecoveryCodes(actor, RegenerateRecoveryCodesSchema.parse(formObject(form)), await requestClient());
      revalidatePath(PATH);
      return { ok: true, data: { codes } };
    }),
  );
}

export async function setLocaleAction(_: ActionState, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const actor = await requireActor("account:self");
    await setLocale(actor, LocaleSchema.parse(formObject(form)).locale);
    revalidatePath("/", "layout");
    return { ok: true };
  });
}
