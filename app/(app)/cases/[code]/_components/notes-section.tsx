"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { addNoteAction } from "@/app/(app)/cases/[code]/actions";
import { RefInputs, type CaseRef } from "@/app/(app)/cases/[code]/_components/case-ref";
import { DateTime } from "@/components/cases/time";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { TextareaField } from "@/components/ui/form-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { NoteDTO } from "@/lib/cases/dto";

/**
 * The case's notes, newest version of each: text only for those who may read it. A note is never
 * edited: a correction is a new version that replaces it on the page.
 */
export function NotesSection({
  caseRef,
  notes,
  canRead,
  canAdd,
}: {
  caseRef: CaseRef;
  /** The notes to show (corrected versions left out). */
  notes: Array<Pick<NoteDTO, "id" | "author" | "createdAt" | "body" | "supersedesId">>;
  canRead: boolean;
  canAdd: boolean;
}) {
  const t = useTranslations("casePage");
  return (
    <Card aria-labelledby="notes-heading">
      <CardHeader id="notes-heading" title={t("notes")} description={canRead ? t("notesHint") : t("notesHidden")} />
      <CardBody className="space-y-4">
        {notes.length === 0 ? <p className="text-sm text-slate-600">{t("noNotes")}</p> : null}
        <ol className="space-y-3">
          {notes.map((n) => (
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
              {canAdd ? <CorrectNote caseRef={caseRef} noteId={n.id} /> : null}
            </li>
          ))}
        </ol>
        {canAdd ? <NoteForm caseRef={caseRef} /> : null}
      </CardBody>
    </Card>
  );
}

function NoteForm({ caseRef, supersedesId, onDone }: { caseRef: CaseRef; supersedesId?: string; onDone?: () => void }) {
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

function CorrectNote({ caseRef, noteId }: { caseRef: CaseRef; noteId: string }) {
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
