import { useTranslations } from "next-intl";
import { addSupervisionNoteAction } from "@/app/(app)/cases/[code]/actions";
import { RefInputs, type CaseRef } from "@/app/(app)/cases/[code]/_components/case-ref";
import { DateTime } from "@/components/cases/time";
import { ActionForm } from "@/components/ui/action-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { TextareaField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { CaseDetailDTO } from "@/lib/cases/dto";

/**
 * Coordinators' supervision notes: shown to coordinators and to the caseworker the case is assigned
 * to (who reads, does not write); nobody else gets the section at all.
 */
export function SupervisionSection({
  caseRef,
  notes,
  canAdd,
}: {
  caseRef: CaseRef;
  notes: NonNullable<CaseDetailDTO["supervisionNotes"]>;
  canAdd: boolean;
}) {
  const t = useTranslations("casePage");
  return (
    <Card aria-labelledby="supervision-heading">
      <CardHeader id="supervision-heading" title={t("supervision")} description={t("supervisionHint")} />
      <CardBody className="space-y-4">
        {notes.length === 0 ? <p className="text-sm text-slate-600">{t("noSupervision")}</p> : null}
        <ol className="space-y-3">
          {notes.map((n) => (
            <li key={n.id} className="rounded-md border border-slate-200 p-3 text-sm" data-testid="supervision-note">
              <p className="text-xs text-slate-600">
                {n.author} · <DateTime date={n.createdAt} />
              </p>
              <p className="mt-1 whitespace-pre-wrap text-slate-900">{n.body}</p>
            </li>
          ))}
        </ol>
        {canAdd ? (
          <ActionForm action={addSupervisionNoteAction} successMessage={t("supervisionAdded")} aria-label={t("addSupervision")}>
            <RefInputs {...caseRef} />
            <TextareaField name="body" label={t("newSupervision")} hint={t("noIdentifiers")} required maxLength={5000} rows={3} />
            <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
              {t("addSupervision")}
            </SubmitButton>
          </ActionForm>
        ) : null}
      </CardBody>
    </Card>
  );
}
