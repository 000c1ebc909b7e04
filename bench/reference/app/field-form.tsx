"use client";

import { useState } from "react";

export interface Field {
  name: string;
  label: string;
  options?: ReadonlyArray<{ value: string; label: string }>;
}

/**
 * The case page's section forms are client components fed plain props; this one is too, so the
 * reference page pays for the same client references and serialised props. It posts nowhere.
 */
export function FieldForm({ title, fields }: { title: string; fields: Field[] }) {
  const [open, setOpen] = useState(false);
  return (
    <form className="field-form" onSubmit={(event) => event.preventDefault()}>
      <button type="button" className="button-secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
        {title}
      </button>
      {fields.map((field) => (
        <label key={field.name} className="field">
          <span>{field.label}</span>
          {field.options ? (
            <select name={field.name} defaultValue="">
              <option value="">—</option>
              {field.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : (
            <input name={field.name} type="text" />
          )}
        </label>
      ))}
      <button type="submit" className="button-primary">
        Save
      </button>
    </form>
  );
}
