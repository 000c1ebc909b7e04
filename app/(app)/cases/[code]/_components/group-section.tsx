import Link from "next/link";
import { useTranslations } from "next-intl";
import { linkCaseAction, unlinkCaseAction } from "@/app/(app)/cases/[code]/actions";
import { RefInputs, type CaseRef } from "@/app/(app)/cases/[code]/_components/case-ref";
import { ActionForm } from "@/components/ui/action-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { LazyDetails } from "@/components/ui/lazy-details";
import { SelectField, TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { CaseGroupDTO } from "@/lib/cases/dto";
import { GROUP_KINDS } from "@/lib/cases/record-schemas";

/**
 * People travelling together (ADR 023): the group's kind and the codes of its other cases that the
 * viewer may see. Nothing is said of members the viewer may not see, not even how many there are.
 */
export function GroupSection({ caseRef, group, edit }: { caseRef: CaseRef; group: CaseGroupDTO | null; edit: boolean }) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  return (
    <Card aria-labelledby="group-heading">
      <CardHeader id="group-heading" title={t("group")} />
      <CardBody className="space-y-3 text-sm">
        {group ? (
          <>
            <p className="font-medium text-slate-800">{t("groupKindIs", { kind: tc(`groupKind.${group.kind}`) })}</p>
            {group.members.length ? (
              <ul aria-label={t("groupMembers")} className="space-y-1">
                {group.members.map((m) => (
                  <li key={m.code}>
                    <Link href={`/cases/${m.code}`} className="font-mono text-brand-700 underline">
                      {m.code}
                    </Link>
                    {m.closed ? <span className="ml-2 text-xs text-slate-600">({t("groupMemberClosed")})</span> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-slate-600">{t("groupNoneVisible")}</p>
            )}
            {edit ? (
              <ActionForm action={unlinkCaseAction} successMessage={t("unlinked")} aria-label={t("unlink")}>
                <RefInputs {...caseRef} />
                <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
                  {t("unlink")}
                </SubmitButton>
              </ActionForm>
            ) : null}
          </>
        ) : (
          <p className="text-slate-600">{t("groupNone")}</p>
        )}
        {edit ? (
          <LazyDetails className="rounded-md border border-dashed border-slate-300 p-3" summary={t("linkOpen")}>
            <ActionForm action={linkCaseAction} successMessage={t("linked")} aria-label={t("link")} className="mt-3">
              <RefInputs {...caseRef} />
              <TextField name="otherCode" label={t("linkOtherCode")} hint={t("linkOtherCodeHint")} required autoComplete="off" />
              {group ? (
                <input type="hidden" name="kind" value={group.kind} />
              ) : (
                <SelectField
                  name="kind"
                  label={t("linkKind")}
                  hint={t("linkKindHint")}
                  defaultValue="TRAVELLING_TOGETHER"
                  options={GROUP_KINDS.map((k) => ({ value: k, label: tc(`groupKind.${k}`) }))}
                />
              )}
              <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
                {t("link")}
              </SubmitButton>
            </ActionForm>
          </LazyDetails>
        ) : null}
      </CardBody>
    </Card>
  );
}
