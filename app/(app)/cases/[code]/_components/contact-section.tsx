"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { revealContactAction, updateContactAction } from "@/app/(app)/cases/[code]/actions";
import { RefInputs, type CaseRef } from "@/app/(app)/cases/[code]/_components/case-ref";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";

/**
 * How to reach the person. Hidden until asked for (every reveal is audited), and only for those who
 * may see it; the page never carries it otherwise. Under an outreach window (ADR 028), says until when.
 */
export function ContactSection({
  caseRef,
  canReveal,
  canEdit,
  outreachUntil,
}: {
  caseRef: CaseRef;
  canReveal: boolean;
  canEdit: boolean;
  outreachUntil: string | null;
}) {
  const t = useTranslations("casePage");
  return (
    <Card aria-labelledby="contact-heading">
      <CardHeader id="contact-heading" title={t("contact")} />
      <CardBody className="space-y-3">
        {canReveal && outreachUntil ? (
          <Alert tone="info">
            <span data-testid="outreach-until">{t("outreachUntil", { time: outreachUntil })}</span>
          </Alert>
        ) : null}
        {canReveal ? (
          <ContactPanel caseRef={caseRef} canEdit={canEdit} />
        ) : (
          <p className="text-sm text-slate-600">{t("contactOnlyAssigned")}</p>
        )}
      </CardBody>
    </Card>
  );
}

function ContactPanel({ caseRef, canEdit }: { caseRef: CaseRef; canEdit: boolean }) {
  const t = useTranslations("casePage");
  const [contact, setContact] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  return (
    <div className="space-y-3">
      {contact === null ? (
        <ActionForm action={revealContactAction} onSuccess={(r) => setContact(r.data?.contact ?? null)} className="space-y-2">
          <input type="hidden" name="code" value={caseRef.code} />
          <p className="text-sm text-slate-600">{t("contactHidden")}</p>
          <SubmitButton variant="secondary" size="sm" pendingLabel={t("revealing")}>
            {t("showContact")}
          </SubmitButton>
        </ActionForm>
      ) : (
        <div className="space-y-2">
          <p
            className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 font-mono text-sm break-all text-slate-900"
            data-testid="contact-channel"
          >
            {contact}
          </p>
          <button type="button" className={buttonClass("ghost", "sm")} onClick={() => setContact(null)}>
            {t("hideContact")}
          </button>
        </div>
      )}
      {canEdit ? (
        editing ? (
          <ActionForm action={updateContactAction} onSuccess={() => setEditing(false)} successMessage={t("contactChanged")}>
            <RefInputs {...caseRef} />
            <TextField name="contactChannel" label={t("newContact")} required maxLength={200} autoComplete="off" spellCheck={false} />
            <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
              {t("save")}
            </SubmitButton>
          </ActionForm>
        ) : (
          <button type="button" className={buttonClass("ghost", "sm")} onClick={() => setEditing(true)}>
            {t("changeContact")}
          </button>
        )
      ) : null}
    </div>
  );
}
