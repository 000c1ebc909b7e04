"use client";

import { useRef } from "react";
import { useTranslations } from "next-intl";
import { RefInputs, type CaseRef } from "@/app/(app)/cases/[code]/_components/case-ref";
import { ActionForm } from "@/components/ui/action-form";
import type { FormAction } from "@/lib/errors/action-result";
import { buttonClass } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { SelectField, TextareaField } from "@/components/ui/form-fields";
import { CLOSE_REASONS } from "@/lib/cases/vocabulary";

// Part of the status section (status-section.tsx), which keeps whether the form is open: the form
// is a page of its own in size, so it has its own file.

/** "Close case…": opens the form with the reason, which asks once more before closing. */
export function CloseCase({
  caseRef,
  action,
  closing,
  setClosing,
}: {
  caseRef: CaseRef;
  action: FormAction<void>;
  closing: boolean;
  setClosing: (closing: boolean) => void;
}) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  const openCloseRef = useRef<HTMLButtonElement>(null);
  if (!closing) {
    return (
      <button
        ref={openCloseRef}
        type="button"
        className={buttonClass("secondary", "sm")}
        onClick={() => setClosing(true)}
        aria-expanded={false}
      >
        {t("closeCaseEllipsis")}
      </button>
    );
  }
  return (
    <ActionForm action={action} className="rounded-md border border-slate-200 bg-slate-50 p-3">
      <RefInputs {...caseRef} />
      {/* The form appears when asked for: straight to its first question. */}
      <SelectField
        name="reason"
        label={t("closeReason")}
        required
        autoFocus
        placeholder={t("choose")}
        options={CLOSE_REASONS.map((r) => ({ value: r, label: tc(`closeReason.${r}`) }))}
      />
      <TextareaField name="reasonText" label={t("closeReasonText")} hint={t("closeReasonTextHint")} maxLength={500} rows={2} />
      <div className="flex flex-wrap gap-2">
        {/* Closing stops the work on a person: it is confirmed once more before it happens. */}
        <ConfirmButton
          label={t("closeCase")}
          title={t("closeConfirmTitle", { code: caseRef.code })}
          body={t("closeConfirmBody")}
          cancelLabel={t("keepOpen")}
          pendingLabel={t("saving")}
        />
        <button
          type="button"
          className={buttonClass("ghost", "sm")}
          onClick={() => {
            setClosing(false);
            // Back to the button that opened the form, so keyboard users keep their place.
            requestAnimationFrame(() => openCloseRef.current?.focus());
          }}
        >
          {t("cancel")}
        </button>
      </div>
    </ActionForm>
  );
}
