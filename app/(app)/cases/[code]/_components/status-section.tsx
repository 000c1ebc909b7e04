"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { changeStatusAction, closeCaseAction, reopenCaseAction } from "@/app/(app)/cases/[code]/actions";
import { CloseCase } from "@/app/(app)/cases/[code]/_components/close-case";
import { RefInputs, type CaseRef } from "@/app/(app)/cases/[code]/_components/case-ref";
import { ActionForm } from "@/components/ui/action-form";
import type { FormAction } from "@/lib/errors/action-result";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import type { CaseStatus } from "@/lib/cases/vocabulary";

/** The case's workflow: move it to a next status, close it (confirmed), or reopen it. */
export function StatusSection({
  caseRef,
  status,
  next,
  canClose,
  statusBeforeClose,
}: {
  caseRef: CaseRef;
  status: CaseStatus;
  next: CaseStatus[];
  canClose: boolean;
  statusBeforeClose: CaseStatus | null;
}) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  const [closing, setClosing] = useState(false);
  const reopening = status === "CLOSED";
  // The form that changed the status disappears with the old status, taking focus with it: the
  // outcome is said here instead, and takes focus so it is announced and keyboard users keep
  // their place on the page.
  const [outcome, setOutcome] = useState<string | null>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);
  function saying<T>(action: FormAction<T>, message: (form: FormData) => string): FormAction<T> {
    return async (state, form) => {
      const result = await action(state, form);
      setOutcome(result.ok ? message(form) : null);
      return result;
    };
  }
  const changeStatus = saying(changeStatusAction, (form) => t("statusChangedTo", { status: tc(`status.${String(form.get("to"))}`) }));
  const reopen = saying(reopenCaseAction, () => t("reopenedAs", { status: tc(`status.${statusBeforeClose ?? next[0] ?? "NEW"}`) }));
  const close = saying(closeCaseAction, () => t("caseClosed"));
  return (
    <Card aria-labelledby="status-heading">
      <CardHeader id="status-heading" title={t("status")} description={t("statusHint")} />
      <CardBody className="space-y-3">
        {outcome ? (
          <p ref={outcomeRef} tabIndex={-1} role="status" className="text-sm font-medium text-emerald-800 outline-none">
            {outcome}
          </p>
        ) : null}
        {next.length ? (
          <div className="flex flex-wrap gap-2">
            {next.map((to) => (
              <ActionForm key={to} action={reopening ? reopen : changeStatus} className="space-y-2">
                <RefInputs {...caseRef} />
                {reopening ? null : <input type="hidden" name="to" value={to} />}
                <SubmitButton variant={reopening ? "secondary" : "primary"} size="sm" pendingLabel={t("saving")}>
                  {reopening
                    ? t("reopenTo", { status: tc(`status.${statusBeforeClose ?? to}`) })
                    : t("moveTo", { status: tc(`status.${to}`) })}
                </SubmitButton>
              </ActionForm>
            ))}
          </div>
        ) : (
          <p className="text-sm text-slate-600">{reopening ? t("closedNoReopen") : t("noNextStatus")}</p>
        )}
        {canClose ? <CloseCase caseRef={caseRef} action={close} closing={closing} setClosing={setClosing} /> : null}
      </CardBody>
    </Card>
  );
}
