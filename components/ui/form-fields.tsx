"use client";

import { useId } from "react";
import { useFieldError, useFieldValue } from "./action-form";
import { controlClass, Field } from "./field";

interface Common {
  name: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  required?: boolean;
  className?: string;
  /** An error to show besides the one from the enclosing ActionForm. */
  error?: string;
}

/** A text input inside an ActionForm: labelled, with its hint and server-side error announced. */
export function TextField({
  name,
  label,
  hint,
  required,
  className,
  error,
  defaultValue,
  ...input
}: Common & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "id" | "defaultValue"> & { defaultValue?: string }) {
  const id = useId();
  const fieldError = useFieldError(name) ?? error;
  const value = useFieldValue(name, defaultValue);
  return (
    <Field id={id} label={label} hint={hint} error={fieldError} required={required} className={className}>
      {(describedBy, invalid) => (
        <input
          key={value}
          id={id}
          name={name}
          required={required}
          defaultValue={value}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          className={controlClass()}
          {...input}
        />
      )}
    </Field>
  );
}

export function SelectField({
  name,
  label,
  hint,
  required,
  className,
  error,
  options,
  placeholder,
  defaultValue,
  ...select
}: Common & {
  options: ReadonlyArray<{ value: string; label: string }>;
  placeholder?: string;
  defaultValue?: string;
} & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "name" | "id" | "defaultValue">) {
  const id = useId();
  const fieldError = useFieldError(name) ?? error;
  const value = useFieldValue(name, defaultValue);
  return (
    <Field id={id} label={label} hint={hint} error={fieldError} required={required} className={className}>
      {(describedBy, invalid) => (
        <select
          key={value}
          id={id}
          name={name}
          required={required}
          defaultValue={value}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          className={controlClass()}
          {...select}
        >
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function TextareaField({
  name,
  label,
  hint,
  required,
  className,
  error,
  defaultValue,
  ...textarea
}: Common & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id" | "defaultValue"> & { defaultValue?: string }) {
  const id = useId();
  const fieldError = useFieldError(name) ?? error;
  const value = useFieldValue(name, defaultValue);
  return (
    <Field id={id} label={label} hint={hint} error={fieldError} required={required} className={className}>
      {(describedBy, invalid) => (
        <textarea
          key={value}
          id={id}
          name={name}
          required={required}
          defaultValue={value}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          className={controlClass("min-h-24")}
          {...textarea}
        />
      )}
    </Field>
  );
}
