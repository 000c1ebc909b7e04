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

/** The attributes that tie a control to its label, hint, error and the value it shows. */
interface ControlProps {
  id: string;
  name: string;
  required?: boolean;
  defaultValue?: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

type FieldProps = Common & { defaultValue?: string };

/**
 * One field of an ActionForm: labelled, with its hint and server-side error announced, showing what
 * was typed when the form was refused. `control` draws the control from the attributes that tie it
 * to the field and the rest of the caller's props; the value is its key, so the control shows it
 * again after React resets the form.
 */
function ActionField<P extends FieldProps>({
  props,
  control,
}: {
  props: P;
  control: (attrs: ControlProps, value: string | undefined, rest: Omit<P, keyof FieldProps>) => React.ReactNode;
}) {
  const { name, label, hint, required, className, error, defaultValue, ...rest } = props;
  const id = useId();
  const fieldError = useFieldError(name) ?? error;
  const value = useFieldValue(name, defaultValue);
  return (
    <Field id={id} label={label} hint={hint} error={fieldError} required={required} className={className}>
      {(describedBy, invalid) =>
        control(
          { id, name, required, defaultValue: value, "aria-invalid": invalid || undefined, "aria-describedby": describedBy },
          value,
          rest,
        )
      }
    </Field>
  );
}

/** A text input inside an ActionForm. */
export function TextField(
  props: Common & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "id" | "defaultValue"> & { defaultValue?: string },
) {
  return (
    <ActionField props={props} control={(attrs, value, input) => <input key={value} {...attrs} className={controlClass()} {...input} />} />
  );
}

/** A select inside an ActionForm; `placeholder` adds a first, empty choice. */
export function SelectField(
  props: Common & {
    options: ReadonlyArray<{ value: string; label: string }>;
    placeholder?: string;
    defaultValue?: string;
  } & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "name" | "id" | "defaultValue">,
) {
  return (
    <ActionField
      props={props}
      control={(attrs, value, { options, placeholder, ...select }) => (
        <select key={value} {...attrs} className={controlClass()} {...select}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** A textarea inside an ActionForm. */
export function TextareaField(
  props: Common & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id" | "defaultValue"> & { defaultValue?: string },
) {
  return (
    <ActionField
      props={props}
      control={(attrs, value, textarea) => <textarea key={value} {...attrs} className={controlClass("min-h-24")} {...textarea} />}
    />
  );
}

/** A checkbox that shows what was sent when the form was refused. */
export function CheckboxField({ name, label, defaultChecked }: { name: string; label: string; defaultChecked: boolean }) {
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
