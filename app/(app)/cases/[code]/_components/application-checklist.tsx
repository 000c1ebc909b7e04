import { useTranslations } from "next-intl";
import { updateApplicationChecklistAction } from "@/app/(app)/cases/[code]/actions";
import { RefInputs, type CaseRef } from "@/app/(app)/cases/[code]/_components/case-ref";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { SelectField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ApplicationDTO } from "@/lib/cases/dto";

/** The destination's checklist on an application: each item ready, missing or not known (ADR 021). */
export function ApplicationChecklist({ application: a, caseRef, edit }: { application: ApplicationDTO; caseRef: CaseRef; edit: boolean }) {
  const t = useTranslations("casePage");
  if (a.checklist.length === 0) return null;
  const ready = a.checklist.filter((i) => i.state === "READY").length;
  const heading = t("checklist", { ready, total: a.checklist.length });
  if (!edit) {
    return (
      <div className="text-sm" data-testid="application-checklist">
        <p className="font-medium text-slate-800">{heading}</p>
        <ul className="mt-1 flex flex-wrap gap-2">
          {a.checklist.map((i) => (
            <li key={i.itemId}>
              <Badge tone={i.state === "READY" ? "success" : i.state === "MISSING" ? "danger" : "neutral"}>
                {i.label}: {t(`checklistState.${i.state ?? "UNKNOWN"}`)}
              </Badge>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <ActionForm action={updateApplicationChecklistAction} successMessage={t("saved")} aria-label={t("checklistForm")}>
      <RefInputs {...caseRef} />
      <input type="hidden" name="applicationId" value={a.id} />
      <fieldset data-testid="application-checklist">
        <legend className="text-sm font-medium text-slate-800">{heading}</legend>
        <div className="mt-2 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {a.checklist.map((i) => (
            <div key={i.itemId}>
              <input type="hidden" name="itemId" value={i.itemId} />
              <SelectField
                name={`state_${i.itemId}`}
                label={i.label}
                defaultValue={i.state ?? ""}
                placeholder={t("checklistState.UNKNOWN")}
                options={(["READY", "MISSING"] as const).map((v) => ({ value: v, label: t(`checklistState.${v}`) }))}
              />
            </div>
          ))}
        </div>
      </fieldset>
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
        {t("saveChecklist")}
      </SubmitButton>
    </ActionForm>
  );
}
