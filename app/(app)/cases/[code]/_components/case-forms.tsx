"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import {
  addApplicationAction,
  addNextStepAction,
  addNoteAction,
  assignCaseAction,
  changeStatusAction,
  closeCaseAction,
  completeNextStepAction,
  recordMoveAction,
  reopenCaseAction,
  revealContactAction,
  updateApplicationAction,
  updateContactAction,
  updateDocumentsAction,
  updateLegalAction,
  updateProfileAction,
} from "@/app/(app)/cases/[code]/actions";
import { PlaceFields } from "@/components/cases/place-fields";
import { ActionForm, useFieldValue } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { controlClass } from "@/components/ui/field";
import { SelectField, TextareaField, TextField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ApplicationDTO, CaseDetailDTO, DocumentDTO } from "@/lib/cases/dto";
import type { ActionResult, ActionState } from "@/lib/errors/action-result";
import {
  AGE_BANDS,
  APPLICATION_STATUSES,
  APPLICATION_TYPES,
  CASE_LANGUAGES,
  CLOSE_REASONS,
  CRIMINAL_CASE_STATUSES,
  DOCUMENT_STATES,
  DOCUMENT_TYPES,
  RISK_LEVELS,
  SERVICE_CATEGORIES,
  type CaseStatus,
} from "@/lib/cases/vocabulary";
import type { CountryOption } from "@/lib/i18n/countries";

/**
 * The case page's forms. Every form posts the case code and the version the user saw; the server
 * refuses a stale version with 409 and the form keeps what was typed. Props carry only what each
 * form displays.
 */

interface Ref {
  code: string;
  version: number;
}

function RefInputs({ code, version }: Ref) {
  return (
    <>
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="version" value={version} />
    </>
  );
}

function isoDate(date: Date | null | undefined): string | undefined {
  return date ? date.toISOString().slice(0, 10) : undefined;
}

function isoDateTime(date: Date | null | undefined): string | undefined {
  return date ? date.toISOString().slice(0, 16) : undefined;
}

export function StatusControls({
  caseRef,
  status,
  next,
  canClose,
  statusBeforeClose,
}: {
  caseRef: Ref;
  status: CaseStatus;
  next: CaseStatus[];
  canClose: boolean;
  statusBeforeClose: CaseStatus | null;
}) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  const [closing, setClosing] = useState(false);
  const openCloseRef = useRef<HTMLButtonElement>(null);
  const reopening = status === "CLOSED";
  // The form that changed the status disappears with the old status, taking focus with it: the
  // outcome is said here instead, and takes focus so it is announced and keyboard users keep
  // their place on the page.
  const [outcome, setOutcome] = useState<string | null>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);
  function saying<T>(action: (state: ActionState<T>, form: FormData) => Promise<ActionResult<T>>, message: (form: FormData) => string) {
    return async (state: ActionState<T>, form: FormData): Promise<ActionResult<T>> => {
      const result = await action(state, form);
      setOutcome(result.ok ? message(form) : null);
      return result;
    };
  }
  const changeStatus = saying(changeStatusAction, (form) => t("statusChangedTo", { status: tc(`status.${String(form.get("to"))}`) }));
  const reopen = saying(reopenCaseAction, () => t("reopenedAs", { status: tc(`status.${statusBeforeClose ?? next[0] ?? "NEW"}`) }));
  const close = saying(closeCaseAction, () => t("caseClosed"));
  return (
    <div className="space-y-3">
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
      {canClose ? (
        closing ? (
          <ActionForm action={close} className="rounded-md border border-slate-200 bg-slate-50 p-3">
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
                confirmLabel={t("closeCase")}
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
        ) : (
          <button
            ref={openCloseRef}
            type="button"
            className={buttonClass("secondary", "sm")}
            onClick={() => setClosing(true)}
            aria-expanded={false}
          >
            {t("closeCaseEllipsis")}
          </button>
        )
      ) : null}
    </div>
  );
}

export function AssignForm({
  caseRef,
  current,
  caseworkers,
}: {
  caseRef: Ref;
  current: string | null;
  caseworkers: Array<{ id: string; email: string }>;
}) {
  const t = useTranslations("casePage");
  return (
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
  );
}

export function ContactPanel({ caseRef, canEdit }: { caseRef: Ref; canEdit: boolean }) {
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

export function ProfileForm({ caseRef, profile }: { caseRef: Ref; profile: CaseDetailDTO["profile"] }) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  const [forced, setForced] = useState(false);
  return (
    <ActionForm
      action={updateProfileAction}
      onSuccess={(r) => setForced(Boolean(r.data?.riskForcedCritical))}
      successMessage={forced ? t("riskKeptCritical") : t("saved")}
    >
      <RefInputs {...caseRef} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          name="ageBand"
          label={tc("field.ageBand")}
          defaultValue={profile.ageBand}
          options={AGE_BANDS.map((v) => ({ value: v, label: tc(`ageBand.${v}`) }))}
        />
        <SelectField
          name="serviceCategory"
          label={tc("field.serviceCategory")}
          defaultValue={profile.serviceCategory}
          options={SERVICE_CATEGORIES.map((v) => ({ value: v, label: tc(`serviceCategory.${v}`) }))}
        />
        <TextField
          name="peopleTravelling"
          type="number"
          min={1}
          max={30}
          inputMode="numeric"
          label={tc("field.peopleTravelling")}
          defaultValue={String(profile.peopleTravelling)}
        />
        <SelectField
          name="language"
          label={tc("field.language")}
          defaultValue={profile.language}
          options={CASE_LANGUAGES.map((v) => ({ value: v, label: tc(`language.${v}`) }))}
        />
        <SelectField
          name="riskLevel"
          label={tc("field.riskLevel")}
          defaultValue={profile.riskLevel}
          options={RISK_LEVELS.map((v) => ({ value: v, label: tc(`riskLevel.${v}`) }))}
        />
      </div>
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
        {t("saveProfile")}
      </SubmitButton>
    </ActionForm>
  );
}

export function MoveForm({ caseRef, countries }: { caseRef: Ref; countries: CountryOption[] }) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  const tp = useTranslations("places");
  return (
    <ActionForm action={recordMoveAction} successMessage={t("moveRecorded")} aria-label={t("recordMove")}>
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
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
        {t("recordMove")}
      </SubmitButton>
    </ActionForm>
  );
}

export function DocumentsForm({ caseRef, documents }: { caseRef: Ref; documents: DocumentDTO[] }) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  const byType = new Map(documents.map((d) => [d.type, d]));
  return (
    <ActionForm action={updateDocumentsAction} successMessage={t("saved")} aria-label={t("documents")}>
      <RefInputs {...caseRef} />
      {/* On phones each document becomes a block (name, then its state and expiry side by side);
          the explicit roles keep it a table for screen readers when the display changes. */}
      <div className="sm:overflow-x-auto">
        <table role="table" className="w-full text-sm max-sm:block sm:min-w-[34rem]">
          <caption className="sr-only">{t("documentsCaption")}</caption>
          <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600 max-sm:hidden">
            <tr>
              <th scope="col" className="py-2 pr-3">
                {t("documentType")}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t("documentState")}
              </th>
              <th scope="col" className="py-2">
                {t("expiresOn")}
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup" className="divide-y divide-slate-100 max-sm:block">
            {DOCUMENT_TYPES.map((type) => (
              <DocumentRow key={type} type={type} doc={byType.get(type)} label={tc(`documentType.${type}`)} />
            ))}
          </tbody>
        </table>
      </div>
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
        {t("saveDocuments")}
      </SubmitButton>
    </ActionForm>
  );
}

function DocumentRow({ type, doc, label }: { type: string; doc: DocumentDTO | undefined; label: string }) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  const state = useFieldValue(`state_${type}`, doc?.state ?? "");
  const expires = useFieldValue(`expires_${type}`, isoDate(doc?.expiresOn) ?? "");
  return (
    <tr role="row" className="max-sm:grid max-sm:grid-cols-2 max-sm:gap-2 max-sm:py-3">
      <th scope="row" role="rowheader" className="py-2 pr-3 text-left font-medium text-slate-800 max-sm:col-span-2 max-sm:py-0">
        {label}
      </th>
      <td role="cell" className="py-2 pr-3 max-sm:py-0 max-sm:pr-0">
        <select
          key={state}
          name={`state_${type}`}
          defaultValue={state}
          aria-label={t("stateOf", { document: label })}
          className={controlClass("py-1.5")}
        >
          <option value="">{t("notRecorded")}</option>
          {DOCUMENT_STATES.map((s) => (
            <option key={s} value={s}>
              {tc(`documentState.${s}`)}
            </option>
          ))}
        </select>
      </td>
      <td role="cell" className="py-2 max-sm:py-0">
        <input
          key={expires}
          type="date"
          name={`expires_${type}`}
          defaultValue={expires}
          aria-label={t("expiryOf", { document: label })}
          className={controlClass("py-1.5")}
        />
      </td>
    </tr>
  );
}

export function AddApplicationForm({
  caseRef,
  countries,
  currentCountry,
}: {
  caseRef: Ref;
  countries: CountryOption[];
  currentCountry: string;
}) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  const tp = useTranslations("places");
  return (
    <ActionForm action={addApplicationAction} successMessage={t("applicationAdded")} aria-label={t("addApplication")}>
      <RefInputs {...caseRef} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <SelectField
          name="type"
          label={t("applicationType")}
          required
          placeholder={t("choose")}
          options={APPLICATION_TYPES.map((v) => ({ value: v, label: tc(`applicationType.${v}`) }))}
        />
        <PlaceFields
          countryName="destinationCountry"
          cityName="officeCity"
          otherName="officeOther"
          countryRequired
          countries={countries}
          alsoCitiesOf={currentCountry}
          labels={{ country: t("destination"), city: t("officeCity"), other: tp("otherOfficeLabel") }}
        />
        <SelectField
          name="status"
          label={t("applicationStatus")}
          defaultValue="PLANNED"
          options={APPLICATION_STATUSES.map((v) => ({ value: v, label: tc(`applicationStatus.${v}`) }))}
        />
        <TextField name="submittedOn" type="date" label={t("submittedOn")} />
        <TextField name="appointmentAt" type="datetime-local" label={t("appointmentAt")} hint={t("utcHint")} />
        <TextField name="decisionOn" type="date" label={t("decisionOn")} />
      </div>
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
        {t("addApplication")}
      </SubmitButton>
    </ActionForm>
  );
}

export function UpdateApplicationForm({ caseRef, application }: { caseRef: Ref; application: ApplicationDTO }) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  const options = [application.status, ...application.nextStatuses];
  return (
    <ActionForm action={updateApplicationAction} successMessage={t("saved")} aria-label={t("updateApplication")}>
      <RefInputs {...caseRef} />
      <input type="hidden" name="applicationId" value={application.id} />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <SelectField
          name="status"
          label={t("applicationStatus")}
          defaultValue={application.status}
          options={options.map((v) => ({ value: v, label: tc(`applicationStatus.${v}`) }))}
        />
        <TextField name="submittedOn" type="date" label={t("submittedOn")} defaultValue={isoDate(application.submittedOn)} />
        <TextField
          name="appointmentAt"
          type="datetime-local"
          label={t("appointmentAt")}
          defaultValue={isoDateTime(application.appointmentAt)}
        />
        <TextField name="decisionOn" type="date" label={t("decisionOn")} defaultValue={isoDate(application.decisionOn)} />
      </div>
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
        {t("updateApplication")}
      </SubmitButton>
    </ActionForm>
  );
}

export function LegalForm({ caseRef, legal }: { caseRef: Ref; legal: CaseDetailDTO["legal"] }) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  const [raised, setRaised] = useState(false);
  return (
    <ActionForm
      action={updateLegalAction}
      onSuccess={(r) => setRaised(Boolean(r.data?.riskRaised))}
      successMessage={raised ? t("riskRaised") : t("saved")}
      aria-label={t("legal")}
    >
      <RefInputs {...caseRef} />
      <SelectField
        name="criminalCase"
        label={t("criminalCase")}
        defaultValue={legal.criminalCase}
        options={CRIMINAL_CASE_STATUSES.map((v) => ({ value: v, label: tc(`criminalCase.${v}`) }))}
      />
      <fieldset className="space-y-2">
        <legend className="sr-only">{t("legal")}</legend>
        <Checkbox name="onWantedList" label={t("onWantedList")} defaultChecked={legal.onWantedList} />
        <Checkbox name="extraditionRequest" label={t("extraditionRequest")} defaultChecked={legal.extraditionRequest} />
        <Checkbox name="detained" label={t("detained")} defaultChecked={legal.detained} />
      </fieldset>
      <p className="text-xs text-slate-600">{t("legalHint")}</p>
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
        {t("saveLegal")}
      </SubmitButton>
    </ActionForm>
  );
}

function Checkbox({ name, label, defaultChecked }: { name: string; label: string; defaultChecked: boolean }) {
  const typed = useFieldValue(name, undefined);
  const checked = typed === undefined ? defaultChecked : typed === "on";
  return (
    <label className="flex items-center gap-2 text-sm text-slate-800">
      <input
        key={String(checked)}
        type="checkbox"
        name={name}
        defaultChecked={checked}
        className="size-4 rounded border-slate-300 accent-brand-700"
      />
      {label}
    </label>
  );
}

export function AddNextStepForm({
  caseRef,
  owners,
  defaultOwner,
}: {
  caseRef: Ref;
  owners: Array<{ id: string; email: string }>;
  defaultOwner: string | null;
}) {
  const t = useTranslations("casePage");
  return (
    <ActionForm action={addNextStepAction} successMessage={t("stepAdded")} aria-label={t("addStep")}>
      <RefInputs {...caseRef} />
      <TextField name="text" label={t("stepText")} hint={t("noIdentifiers")} required maxLength={300} autoComplete="off" />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          name="ownerId"
          label={t("stepOwner")}
          defaultValue={defaultOwner ?? ""}
          options={owners.map((o) => ({ value: o.id, label: o.email }))}
        />
        <TextField name="dueOn" type="date" label={t("dueOn")} />
      </div>
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
        {t("addStep")}
      </SubmitButton>
    </ActionForm>
  );
}

export function CompleteStepButton({ caseRef, stepId, text }: { caseRef: Ref; stepId: string; text: string }) {
  const t = useTranslations("casePage");
  return (
    <ActionForm action={completeNextStepAction} className="space-y-1">
      <RefInputs {...caseRef} />
      <input type="hidden" name="stepId" value={stepId} />
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
        <span aria-hidden="true">✓</span> {t("markDone")}
        <span className="sr-only">: {text}</span>
      </SubmitButton>
    </ActionForm>
  );
}

export function NoteForm({ caseRef, supersedesId, onDone }: { caseRef: Ref; supersedesId?: string; onDone?: () => void }) {
  const t = useTranslations("casePage");
  return (
    <ActionForm
      action={addNoteAction}
      onSuccess={() => onDone?.()}
      successMessage={supersedesId ? t("noteCorrected") : t("noteAdded")}
      aria-label={supersedesId ? t("correctNote") : t("addNote")}
    >
      <RefInputs {...caseRef} />
      {supersedesId ? <input type="hidden" name="supersedesId" value={supersedesId} /> : null}
      <TextareaField
        name="body"
        label={supersedesId ? t("correctedText") : t("newNote")}
        hint={t("noIdentifiers")}
        required
        maxLength={5000}
        rows={4}
      />
      <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
        {supersedesId ? t("saveCorrection") : t("addNote")}
      </SubmitButton>
    </ActionForm>
  );
}

export function CorrectNote({ caseRef, noteId }: { caseRef: Ref; noteId: string }) {
  const t = useTranslations("casePage");
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" className={buttonClass("ghost", "sm")} onClick={() => setOpen(true)}>
        {t("correct")}
      </button>
    );
  }
  return (
    <div className="mt-2 rounded-md border border-slate-200 bg-slate-50 p-3">
      <Alert tone="info" className="mb-3">
        {t("correctionExplained")}
      </Alert>
      <NoteForm caseRef={caseRef} supersedesId={noteId} onDone={() => setOpen(false)} />
    </div>
  );
}
