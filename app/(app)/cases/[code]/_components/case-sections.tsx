import { useLocale, useTranslations } from "next-intl";
import { CountryWithRisk, RiskBadge, StatusBadge } from "@/components/cases/badges";
import {
  AddApplicationForm,
  AddNextStepForm,
  AssignForm,
  CompleteStepButton,
  ContactPanel,
  CorrectNote,
  DocumentsForm,
  LegalForm,
  MoveForm,
  NoteForm,
  ProfileForm,
  StatusControls,
  UpdateApplicationForm,
} from "@/app/(app)/cases/[code]/_components/case-forms";
import { CaseTimeline } from "@/app/(app)/cases/[code]/_components/case-timeline";
import { VettingPanel } from "@/app/(app)/cases/[code]/_components/vetting-panel";
import { DateOnly, DateTime, DaysSince, RelativeTime } from "@/components/cases/time";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { CaseDetailDTO } from "@/lib/cases/dto";
import { DANGEROUS_JURISDICTIONS } from "@/lib/cases/vocabulary";
import { countryName, type CountryOption } from "@/lib/i18n/countries";

/** The case page: every part of a case, with the forms the viewer may use. */
export function CaseSections({
  detail,
  countries,
  caseworkers,
  owners,
  people,
  justCreated,
}: {
  detail: CaseDetailDTO;
  countries: CountryOption[];
  caseworkers: Array<{ id: string; email: string }>;
  owners: Array<{ id: string; email: string }>;
  people: Record<string, string>;
  justCreated: boolean;
}) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  const locale = useLocale();
  const ref = { code: detail.code, version: detail.version };
  const edit = detail.can.edit;
  const danger = detail.location.countryRisk !== null && DANGEROUS_JURISDICTIONS.includes(detail.location.countryRisk);
  const visibleNotes = detail.notes.filter((n) => !n.superseded);

  return (
    <div className="space-y-6">
      <header className="space-y-3">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="font-mono text-2xl font-semibold tracking-tight text-slate-900">{detail.code}</h1>
          <StatusBadge status={detail.status} />
          <RiskBadge level={detail.profile.riskLevel} />
        </div>
        <p className="text-sm text-slate-600">
          <DaysSince date={detail.statusSince} messageKey="daysInStage" /> ·{" "}
          {detail.assignee ? t("assignedTo", { email: detail.assignee.email }) : t("unassigned")} · {t("updated")}{" "}
          <RelativeTime date={detail.updatedAt} />
        </p>
        {justCreated ? <Alert tone="success">{t("created", { code: detail.code })}</Alert> : null}
        {danger ? (
          <Alert tone="danger" title={t("dangerTitle", { country: countryName(detail.location.country, locale) })}>
            {detail.location.countryRisk === "ORIGIN" ? t("dangerOrigin") : t("dangerExtradition")}
          </Alert>
        ) : null}
        {detail.noValidTravelDocument && detail.status !== "CLOSED" ? (
          <Alert tone="warning" title={t("noTravelDocTitle")}>
            {t("noTravelDocBody")}
          </Alert>
        ) : null}
        {detail.legal.forcesCritical ? <Alert tone="danger">{t("criticalBecauseLegal")}</Alert> : null}
        {detail.status === "CLOSED" ? (
          <Alert tone="info" title={t("closedTitle")}>
            {detail.closeReason ? tc(`closeReason.${detail.closeReason}`) : null}
            {detail.closeReasonText ? `: ${detail.closeReasonText}` : null}
          </Alert>
        ) : null}
      </header>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card aria-labelledby="status-heading">
            <CardHeader id="status-heading" title={t("status")} description={t("statusHint")} />
            <CardBody>
              <StatusControls
                caseRef={ref}
                status={detail.status}
                next={detail.can.changeStatus}
                canClose={detail.can.close}
                statusBeforeClose={detail.statusBeforeClose}
              />
            </CardBody>
          </Card>

          <VettingPanel detail={detail} />

          <Card aria-labelledby="location-heading">
            <CardHeader id="location-heading" title={t("location")} />
            <CardBody className="space-y-4">
              <p className="text-sm">
                <span className="font-medium text-slate-800">{t("now")}: </span>
                <CountryWithRisk code={detail.location.country} risk={detail.location.countryRisk} place={detail.location.place} />
              </p>
              <ol className="space-y-2 text-sm" aria-label={t("movements")}>
                {detail.movements.map((m) => (
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
                  </li>
                ))}
              </ol>
              {edit ? <MoveForm caseRef={ref} countries={countries} /> : null}
            </CardBody>
          </Card>

          <Card aria-labelledby="documents-heading">
            <CardHeader id="documents-heading" title={t("documents")} description={t("documentsHint")} />
            <CardBody>
              {edit ? (
                <DocumentsForm caseRef={ref} documents={detail.documents} />
              ) : (
                <ul className="space-y-1 text-sm">
                  {detail.documents.map((d) => (
                    <li key={d.type}>
                      {tc(`documentType.${d.type}`)}: {tc(`documentState.${d.state}`)}
                      {d.expiresOn ? (
                        <>
                          {" "}
                          ({t("expires")} <DateOnly date={d.expiresOn} />)
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
            </CardBody>
          </Card>

          <Card aria-labelledby="applications-heading">
            <CardHeader id="applications-heading" title={t("applications")} />
            <CardBody className="space-y-4">
              {detail.applications.length === 0 ? <p className="text-sm text-slate-600">{t("noApplications")}</p> : null}
              {detail.applications.map((a) => (
                <div key={a.id} className="space-y-2 rounded-md border border-slate-200 p-3" data-testid="application">
                  <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
                    {tc(`applicationType.${a.type}`)} · {countryName(a.destinationCountry, locale)}
                    {a.officeCity ? <span className="font-normal text-slate-600">({a.officeCity})</span> : null}
                    <Badge tone={a.status === "APPROVED" ? "success" : a.status === "REJECTED" ? "danger" : "info"}>
                      {tc(`applicationStatus.${a.status}`)}
                    </Badge>
                  </p>
                  <p className="text-xs text-slate-600">
                    {a.submittedOn ? (
                      <>
                        {t("submittedOn")}: <DateOnly date={a.submittedOn} /> ·{" "}
                      </>
                    ) : null}
                    {a.appointmentAt ? (
                      <>
                        {t("appointmentAt")}: <DateTime date={a.appointmentAt} /> ·{" "}
                      </>
                    ) : null}
                    {a.decisionOn ? (
                      <>
                        {t("decisionOn")}: <DateOnly date={a.decisionOn} />
                      </>
                    ) : null}
                  </p>
                  {edit && (a.nextStatuses.length > 0 || a.status !== "APPROVED") ? (
                    <UpdateApplicationForm caseRef={ref} application={a} />
                  ) : null}
                </div>
              ))}
              {edit ? (
                <details className="rounded-md border border-dashed border-slate-300 p-3">
                  <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("newApplication")}</summary>
                  <div className="mt-3">
                    <AddApplicationForm caseRef={ref} countries={countries} currentCountry={detail.location.country} />
                  </div>
                </details>
              ) : null}
            </CardBody>
          </Card>

          <Card aria-labelledby="steps-heading">
            <CardHeader id="steps-heading" title={t("nextSteps")} />
            <CardBody className="space-y-4">
              <ul className="space-y-2">
                {detail.nextSteps
                  .filter((s) => !s.doneAt)
                  .map((s) => (
                    <li
                      key={s.id}
                      className="flex flex-wrap items-start justify-between gap-2 rounded-md bg-slate-50 px-3 py-2 text-sm"
                      data-testid="next-step"
                    >
                      <div className="min-w-0">
                        <p className="text-slate-900">{s.text}</p>
                        <p className={s.overdue ? "text-xs font-semibold text-red-700" : "text-xs text-slate-600"}>
                          {s.dueOn ? (
                            <>
                              {s.overdue ? t("overdue") : t("due")} <DateOnly date={s.dueOn} />
                            </>
                          ) : (
                            t("noDueDate")
                          )}
                          {s.owner ? ` · ${s.owner}` : ""}
                        </p>
                      </div>
                      {edit ? <CompleteStepButton caseRef={ref} stepId={s.id} text={s.text} /> : null}
                    </li>
                  ))}
              </ul>
              {detail.nextSteps.every((s) => s.doneAt) ? <p className="text-sm text-slate-600">{t("noOpenSteps")}</p> : null}
              {detail.nextSteps.some((s) => s.doneAt) ? (
                <details className="text-sm">
                  <summary className="cursor-pointer text-slate-700">
                    {t("doneSteps", { count: detail.nextSteps.filter((s) => s.doneAt).length })}
                  </summary>
                  <ul className="mt-2 space-y-1 text-slate-600">
                    {detail.nextSteps
                      .filter((s) => s.doneAt)
                      .map((s) => (
                        <li key={s.id}>
                          <span className="line-through">{s.text}</span> · <DateOnly date={s.doneAt!} />
                        </li>
                      ))}
                  </ul>
                </details>
              ) : null}
              {edit ? <AddNextStepForm caseRef={ref} owners={owners} defaultOwner={detail.assignee?.id ?? null} /> : null}
            </CardBody>
          </Card>

          <Card aria-labelledby="notes-heading">
            <CardHeader id="notes-heading" title={t("notes")} description={detail.can.readNotes ? t("notesHint") : t("notesHidden")} />
            <CardBody className="space-y-4">
              {visibleNotes.length === 0 ? <p className="text-sm text-slate-600">{t("noNotes")}</p> : null}
              <ol className="space-y-3">
                {visibleNotes.map((n) => (
                  <li key={n.id} className="rounded-md border border-slate-200 p-3 text-sm" data-testid="note">
                    <p className="text-xs text-slate-600">
                      {n.author} · <DateTime date={n.createdAt} />
                      {n.supersedesId ? (
                        <>
                          {" "}
                          · <Badge>{t("corrected")}</Badge>
                        </>
                      ) : null}
                    </p>
                    {n.body !== null ? (
                      <p className="mt-1 whitespace-pre-wrap text-slate-900">{n.body}</p>
                    ) : (
                      <p className="mt-1 text-slate-500 italic">{t("noteTextHidden")}</p>
                    )}
                    {detail.can.addNote ? <CorrectNote caseRef={ref} noteId={n.id} /> : null}
                  </li>
                ))}
              </ol>
              {detail.can.addNote ? <NoteForm caseRef={ref} /> : null}
            </CardBody>
          </Card>
        </div>

        <div className="space-y-6">
          <Card aria-labelledby="contact-heading">
            <CardHeader id="contact-heading" title={t("contact")} />
            <CardBody>
              {detail.can.revealContact ? (
                <ContactPanel caseRef={ref} canEdit={detail.status !== "CLOSED"} />
              ) : (
                <p className="text-sm text-slate-600">{t("contactOnlyAssigned")}</p>
              )}
            </CardBody>
          </Card>

          {detail.can.assign ? (
            <Card aria-labelledby="assign-heading">
              <CardHeader id="assign-heading" title={t("assignment")} />
              <CardBody>
                <AssignForm caseRef={ref} current={detail.assignee?.id ?? null} caseworkers={caseworkers} />
              </CardBody>
            </Card>
          ) : null}

          <Card aria-labelledby="profile-heading">
            <CardHeader id="profile-heading" title={t("profile")} />
            <CardBody>
              {edit ? (
                <ProfileForm caseRef={ref} profile={detail.profile} />
              ) : (
                <dl className="grid grid-cols-2 gap-2 text-sm">
                  <dt className="text-slate-600">{tc("field.ageBand")}</dt>
                  <dd>{tc(`ageBand.${detail.profile.ageBand}`)}</dd>
                  <dt className="text-slate-600">{tc("field.serviceCategory")}</dt>
                  <dd>{tc(`serviceCategory.${detail.profile.serviceCategory}`)}</dd>
                  <dt className="text-slate-600">{tc("field.peopleTravelling")}</dt>
                  <dd>{detail.profile.peopleTravelling}</dd>
                  <dt className="text-slate-600">{tc("field.language")}</dt>
                  <dd>
                    {tc.has(`language.${detail.profile.language}`) ? tc(`language.${detail.profile.language}`) : detail.profile.language}
                  </dd>
                </dl>
              )}
            </CardBody>
          </Card>

          <Card aria-labelledby="legal-heading">
            <CardHeader id="legal-heading" title={t("legal")} />
            <CardBody>
              {edit ? (
                <LegalForm caseRef={ref} legal={detail.legal} />
              ) : (
                <p className="text-sm">
                  {tc(`criminalCase.${detail.legal.criminalCase}`)}
                  {detail.legal.onWantedList ? ` · ${t("onWantedList")}` : ""}
                  {detail.legal.extraditionRequest ? ` · ${t("extraditionRequest")}` : ""}
                  {detail.legal.detained ? ` · ${t("detained")}` : ""}
                </p>
              )}
            </CardBody>
          </Card>

          <Card aria-labelledby="timeline-heading">
            <CardHeader id="timeline-heading" title={t("timeline")} />
            <CardBody>
              <CaseTimeline events={detail.timeline} people={people} />
            </CardBody>
          </Card>
        </div>
      </div>
    </div>
  );
}
