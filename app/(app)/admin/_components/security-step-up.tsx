import { getFormatter } from "next-intl/server";
import type { Actor } from "@/lib/access/actor";
import { SECURITY_STEP_UP_MINUTES, securityStepUpUntil } from "@/lib/auth/step-up";
import { StepUpForm } from "@/app/(app)/admin/_components/step-up-form";

/** Above a page of security actions: the session's step-up state, or the form that confirms it. */
export async function SecurityStepUp({ actor }: { actor: Actor }) {
  const until = securityStepUpUntil(actor);
  const format = await getFormatter();
  return (
    <div className="mb-6">
      <StepUpForm confirmedUntil={until ? format.dateTime(until, { timeStyle: "short" }) : null} minutes={SECURITY_STEP_UP_MINUTES} />
    </div>
  );
}
