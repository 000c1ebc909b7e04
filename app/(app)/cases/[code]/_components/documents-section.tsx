"use client";

import { useTranslations } from "next-intl";
import { updateDocumentsAction } from "@/app/(app)/cases/[code]/actions";
import { RefInputs, type CaseRef } from "@/app/(app)/cases/[code]/_components/case-ref";
import { DateOnly } from "@/components/cases/time";
import { dateInputValue } from "@/components/cases/date-text";
import { ActionForm, useFieldValue } from "@/components/ui/action-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { controlClass } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { DocumentDTO } from "@/lib/cases/dto";
import { DOCUMENT_STATES, DOCUMENT_TYPES } from "@/lib/cases/vocabulary";

/** The person's travel documents: a list to read, or a grid of every document type to edit. */
export function DocumentsSection({ caseRef, documents, edit }: { caseRef: CaseRef; documents: DocumentDTO[]; edit: boolean }) {
  const t = useTranslations("casePage");
  const tc = useTranslations("case");
  return (
    <Card aria-labelledby="documents-heading">
      <CardHeader id="documents-heading" title={t("documents")} description={t("documentsHint")} />
      <CardBody>
        {edit ? (
          <DocumentsForm caseRef={caseRef} documents={documents} />
        ) : (
          <ul className="space-y-1 text-sm">
            {documents.map((d) => (
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
  );
}

function DocumentsForm({ caseRef, documents }: { caseRef: CaseRef; documents: DocumentDTO[] }) {
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
  const expires = useFieldValue(`expires_${type}`, dateInputValue(doc?.expiresOn) ?? "");
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
