"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { approveRequestAction, rejectRequestAction } from "@/app/(app)/admin/approvals/actions";
import { ActionForm } from "@/components/ui/action-form";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/errors/action-result";

/**
 * Approve or reject one request. Approving an invitation or a reset shows its activation code here,
 * once: the state lives in this component (which stays while the list re-renders the request as
 * approved), never in the page, a URL or storage.
 */
export function ApprovalButtons({
  requestId,
  subject,
  pending,
  confirm,
}: {
  requestId: string;
  subject: string;
  pending: boolean;
  /** Approving cannot be undone (an erasure): asked once more, in these words. */
  confirm?: { title: string; body: string };
}) {
  const t = useTranslations("approvals");
  const [code, setCode] = useState<string | null>(null);
  const approve = async (state: ActionState<{ activationCode: string | null }>, form: FormData) => {
    const result = await approveRequestAction(state, form);
    if (result.ok && result.data?.activationCode) setCode(result.data.activationCode);
    return result;
  };
  if (!pending && !code) return null;
  return (
    <div className="w-full space-y-3 sm:w-auto">
      {pending ? (
        <div className="flex flex-wrap gap-2">
          <ActionForm action={approve} className="space-y-1" successMessage={t("approved")} aria-label={t("approveFor", { subject })}>
            <input type="hidden" name="requestId" value={requestId} />
            {confirm ? (
              <ConfirmButton label={t("approve")} title={confirm.title} body={confirm.body} />
            ) : (
              <SubmitButton size="sm">{t("approve")}</SubmitButton>
            )}
          </ActionForm>
          <ActionForm
            action={rejectRequestAction}
            className="space-y-1"
            successMessage={t("rejected")}
            aria-label={t("rejectFor", { subject })}
          >
            <input type="hidden" name="requestId" value={requestId} />
            <ConfirmButton variant="secondary" label={t("reject")} title={t("rejectTitle", { subject })} />
          </ActionForm>
        </div>
      ) : null}
      {code ? <ActivationCodeNotice code={code} subject={subject} /> : null}
    </div>
  );
}

function ActivationCodeNotice({ code, subject }: { code: string; subject: string }) {
  const t = useTranslations("approvals");
  const ref = useRef<HTMLDivElement>(null);
  // Moved to when it appears, so that it is announced and read first.
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="status"
      aria-labelledby={`code-${code}`}
      className="rounded-md border-2 border-amber-500 bg-amber-50 px-4 py-3 text-sm text-amber-950 outline-none focus-visible:outline-2 focus-visible:outline-brand-600"
    >
      <p id={`code-${code}`} className="font-semibold">
        {t("codeTitle", { subject })}
      </p>
      <p className="my-2 font-mono text-xl font-semibold tracking-widest break-all text-slate-900" data-testid="activation-code">
        {code}
      </p>
      <p>{t("codeInstructions")}</p>
    </div>
  );
}
