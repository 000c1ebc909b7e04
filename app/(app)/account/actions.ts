"use server";

import { redirect } from "next/navigation";
import {
  changePassword,
  endOwnSessionByRef,
  regenerateRecoveryCodes,
  setLocale,
  setTimeZone,
  signOutEverywhere,
} from "@/lib/account/account";
import {
  AccountTimeZoneSchema,
  ChangePasswordSchema,
  EndSessionSchema,
  LocaleSchema,
  RegenerateRecoveryCodesSchema,
  SignOutEverywhereSchema,
} from "@/lib/account/schemas";
import { signOut } from "@/lib/auth/next-auth";
import { requestClient, requireActor } from "@/lib/auth/session";
import { afterStepUp, STEP_UP_SECRET } from "@/lib/auth/step-up-action";
import { formAction } from "@/lib/errors/action";

const self = () => requireActor("account:self");

/** Leaves a session that was just ended: clears its cookie and goes to the sign-in page. */
async function signedOut(): Promise<never> {
  await signOut({ redirect: false });
  redirect("/login?notice=signedOut");
}

export const changePasswordAction = formAction({
  actor: self,
  schema: ChangePasswordSchema,
  secret: STEP_UP_SECRET,
  run: async (input, actor) => changePassword(actor, input, await requestClient()),
  revalidate: () => ["/account"],
  after: afterStepUp,
});

export const endSessionAction = formAction({
  actor: self,
  schema: EndSessionSchema,
  run: async ({ session }, actor) => {
    const { endedCurrent } = await endOwnSessionByRef(actor, session);
    if (endedCurrent) await signedOut();
  },
  revalidate: () => ["/account"],
});

export const signOutEverywhereAction = formAction({
  actor: self,
  schema: SignOutEverywhereSchema,
  secret: STEP_UP_SECRET,
  run: async (input, actor) => {
    await signOutEverywhere(actor, input, await requestClient());
    await signedOut();
  },
  after: afterStepUp,
});

export const regenerateRecoveryCodesAction = formAction({
  actor: self,
  schema: RegenerateRecoveryCodesSchema,
  secret: STEP_UP_SECRET,
  run: async (input, actor) => ({ codes: await regenerateRecoveryCodes(actor, input, await requestClient()) }),
  revalidate: () => ["/account"],
  after: afterStepUp,
});

export const setLocaleAction = formAction({
  actor: self,
  schema: LocaleSchema,
  run: async ({ locale }, actor) => {
    await setLocale(actor, locale);
  },
  revalidate: () => [["/", "layout"]],
});

/** Days and appointment times follow the new zone from the next render on, everywhere. */
export const setTimeZoneAction = formAction({
  actor: self,
  schema: AccountTimeZoneSchema,
  run: async ({ timeZone }, actor) => {
    await setTimeZone(actor, timeZone);
  },
  revalidate: () => [["/", "layout"]],
});
