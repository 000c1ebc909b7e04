"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { updateProfileAction } from "@/app/(app)/cases/[code]/actions";
import { RefInputs, type CaseRef } from "@/app/(app)/cases/[code]/_components/case-ref";
import { ActionForm } from "@/components/ui/action-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ProfileFields } from "@/components/cases/profile-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { CaseDetailDTO } from "@/lib/cases/dto";

type Profile = CaseDetailDTO["profile"];

/** Who the person is, coarsely (no name, no birth date): to read, or the form to edit. */
export function ProfileSection({ caseRef, profile, edit }: { caseRef: CaseRef; profile: Profile; edit: boolean }) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  return (
    <Card aria-labelledby="profile-heading">
      <CardHeader id="profile-heading" title={t("profile")} />
      <CardBody>
        {edit ? (
          <ProfileForm caseRef={caseRef} profile={profile} />
        ) : (
          <dl className="grid grid-cols-2 gap-2 text-sm">
            <dt className="text-slate-600">{tc("field.ageBand")}</dt>
            <dd>{tc(`ageBand.${profile.ageBand}`)}</dd>
            <dt className="text-slate-600">{tc("field.serviceCategory")}</dt>
            <dd>{tc(`serviceCategory.${profile.serviceCategory}`)}</dd>
            <dt className="text-slate-600">{tc("field.peopleTravelling")}</dt>
            <dd>{profile.peopleTravelling}</dd>
            <dt className="text-slate-600">{tc("field.language")}</dt>
            <dd>{tc.has(`language.${profile.language}`) ? tc(`language.${profile.language}`) : profile.language}</dd>
          </dl>
        )}
      </CardBody>
    </Card>
  );
}

function ProfileForm({ caseRef, profile }: { caseRef: CaseRef; profile: Profile }) {
  const t = useTranslations("casePage");
  const [forced, setForced] = useState(false);
  return (
    <ActionForm
      action={updateProfileAction}
      onSuccess={(r) => setForced(Boolean(r.data?.riskHeldByRules))}
      successMessage={forced ? t("riskHeldByRules") : t("saved")}
    >
      <RefInputs {...caseRef} />
      <div className="grid gap-4 sm:grid-cols-2">
        <ProfileFields profile={profile} />
      </div>
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
        {t("saveProfile")}
      </SubmitButton>
    </ActionForm>
  );
}
