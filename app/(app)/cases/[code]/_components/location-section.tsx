import { useTranslations } from "next-intl";
import { recordMoveAction } from "@/app/(app)/cases/[code]/actions";
import { RefInputs, type CaseRef } from "@/app/(app)/cases/[code]/_components/case-ref";
import { CountryWithRisk } from "@/components/cases/badges";
import { PlaceFields } from "@/components/cases/place-fields";
import { DateOnly } from "@/components/cases/time";
import { StayPanel } from "@/app/(app)/cases/[code]/_components/stay-panel";
import { CorrectMovement } from "@/app/(app)/cases/[code]/_components/correct-movement";
import { ActionForm } from "@/components/ui/action-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { LazyDetails } from "@/components/ui/lazy-details";
import { CheckboxField, TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { CaseDetailDTO, MovementDTO } from "@/lib/cases/dto";
import type { CountryOption } from "@/lib/i18n/countries";

/** Where the person is now, the movements that led there, and the form that records a move. */
export function LocationSection({
  caseRef,
  location,
  stay,
  movements,
  countries,
  edit,
  groupMates = [],
}: {
  caseRef: CaseRef;
  /** The other cases of the group the viewer may change (open, in their scope), as the page saw them. */
  groupMates?: CaseRef[];
  location: CaseDetailDTO["location"];
  stay: CaseDetailDTO["stay"];
  movements: MovementDTO[];
  countries: CountryOption[];
  edit: boolean;
}) {
  const t = useTranslations("casePage");
  return (
    <Card aria-labelledby="location-heading">
      <CardHeader id="location-heading" title={t("location")} />
      <CardBody className="space-y-4">
        <p className="text-sm">
          <span className="font-medium text-slate-800">{t("now")}: </span>
          <CountryWithRisk code={location.country} risk={location.countryRisk} place={location.place} />
        </p>
        {stay ? <StayPanel stay={stay} /> : null}
        <ol className="space-y-2 text-sm" aria-label={t("movements")}>
          {movements.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md bg-slate-50 px-3 py-2">
              <CountryWithRisk code={m.country} risk={m.countryRisk} place={m.place} />
              <span className="text-xs text-slate-600">
                {m.arrivedOn ? (
                  <>
                    {t("arrived")} <DateOnly date={m.arrivedOn} />
                  </>
                ) : (
                  t("arrivalUnknown")
                )}
                {m.leftOn ? (
                  <>
                    {" "}
                    · {t("left")} <DateOnly date={m.leftOn} />
                  </>
                ) : null}
              </span>
              {edit ? <CorrectMovement caseRef={caseRef} movement={m} /> : null}
            </li>
          ))}
        </ol>
        {edit ? (
          // Rendered when first opened: its country select alone is 250 options, on every render of the page.
          <LazyDetails className="rounded-md border border-dashed border-slate-300 p-3" summary={t("recordMoveOpen")}>
            <MoveForm caseRef={caseRef} countries={countries} groupMates={groupMates} />
          </LazyDetails>
        ) : null}
      </CardBody>
    </Card>
  );
}

function MoveForm({ caseRef, countries, groupMates }: { caseRef: CaseRef; countries: CountryOption[]; groupMates: CaseRef[] }) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  const tp = useTranslations("places");
  return (
    <ActionForm action={recordMoveAction} successMessage={t("moveRecorded")} aria-label={t("recordMove")} className="mt-3">
      <RefInputs {...caseRef} />
      <div className="grid gap-4 sm:grid-cols-3">
        <PlaceFields
          countryName="country"
          cityName="placeCity"
          otherName="placeOther"
          countryRequired
          countries={countries}
          labels={{ country: tc("field.country"), city: tc("field.coarsePlace"), other: tp("otherLabel") }}
        />
        <TextField name="arrivedOn" type="date" label={t("arrivedOn")} hint={t("arrivedHint")} />
      </div>
      {groupMates.length ? (
        // The same move for the others of the group, each checked against the version shown here.
        <>
          {groupMates.map((m) => (
            <input key={m.code} type="hidden" name="groupCases" value={`${m.code}:${m.version}`} />
          ))}
          <CheckboxField name="alsoForGroup" label={t("alsoForGroup", { count: groupMates.length })} defaultChecked={false} />
        </>
      ) : null}
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
        {t("recordMove")}
      </SubmitButton>
    </ActionForm>
  );
}
