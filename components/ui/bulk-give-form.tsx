"use client";

import { useState } from "react";
import type { FormAction } from "@/lib/errors/action-result";
import { ActionForm, useFieldError } from "./action-form";
import { controlClass } from "./field";
import { SubmitButton } from "./submit-button";

/**
 * Gives the rows ticked in a list (checkboxes carrying `form={formId}`) to one person, all or
 * nothing: the case list's bulk reassignment, the team board's. The caller gives the words.
 */
export function BulkGiveForm({
  formId,
  action,
  personField,
  selectionField,
  people,
  words,
  movedMessage,
}: {
  formId: string;
  action: FormAction<{ moved: number }>;
  /** The select's name: who the rows go to. */
  personField: string;
  /** The checkboxes' name: their error is shown here, since they are not inside the form. */
  selectionField: string;
  people: Array<{ id: string; email: string }>;
  words: { title: string; hint: string; to: string; choose: string; submit: string; pending: string };
  movedMessage: (count: number) => string;
}) {
  const [moved, setMoved] = useState<number | null>(null);
  return (
    <ActionForm
      id={formId}
      action={action}
      onSuccess={(r) => setMoved(r.data?.moved ?? 0)}
      successMessage={moved === null ? undefined : movedMessage(moved)}
      className="mb-3 flex flex-wrap items-end gap-3 space-y-0 rounded-lg border border-slate-200 bg-white p-3"
      aria-label={words.title}
    >
      <p className="w-full text-sm text-slate-600 sm:w-auto sm:flex-1">{words.hint}</p>
      <label className="max-w-full min-w-0 text-sm font-medium text-slate-800">
        {words.to}
        <select name={personField} required defaultValue="" className={controlClass("mt-1 w-full max-w-full py-1.5 sm:w-auto")}>
          <option value="" disabled>
            {words.choose}
          </option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.email}
            </option>
          ))}
        </select>
      </label>
      <SubmitButton variant="secondary" pendingLabel={words.pending}>
        {words.submit}
      </SubmitButton>
      <Errors fields={[selectionField, personField]} />
    </ActionForm>
  );
}

function Errors({ fields }: { fields: [string, string] }) {
  const selection = useFieldError(fields[0]);
  const person = useFieldError(fields[1]);
  const error = selection ?? person;
  return error ? <p className="w-full text-sm font-medium text-red-700">{error}</p> : null;
}
