import { useTranslations } from "next-intl";
import { assignCaseAction } from "@/app/(app)/cases/[code]/actions";
import { RefInputs, type CaseRef, type StaffChoice } from "@/app/(app)/cases/[code]/_components/case-ref";
import { ActionForm } from "@/components/ui/action-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SelectField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";

/** Who works the case: the form that hands it to a caseworker (shown to those who may assign). */
export function AssignmentSection({
  caseRef,
  current,
  caseworkers,
}: {
  caseRef: CaseRef;
  current: string | null;
  caseworkers: StaffChoice[];
}) {
  const t = useTranslations("casePage");
  return (
    <Card aria-labelledby="assign-heading">
      <CardHeader id="assign-heading" title={t("assignment")} />
      <CardBody>
        <ActionForm action={assignCaseAction} successMessage={t("assigned")}>
          <RefInputs {...caseRef} />
          <SelectField
            name="assigneeId"
            label={t("assignTo")}
            defaultValue={current ?? ""}
            placeholder={t("choose")}
            options={caseworkers.map((c) => ({ value: c.id, label: c.email }))}
            required
          />
          <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
            {t("assign")}
          </SubmitButton>
        </ActionForm>
      </CardBody>
    </Card>
  );
}
