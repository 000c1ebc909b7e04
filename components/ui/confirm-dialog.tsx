"use client";

import { useId, useRef } from "react";
import { useFormStatus } from "react-dom";
import { buttonClass, type ButtonVariant } from "./button";

/**
 * A button that asks before submitting its form: a native modal <dialog> (focus is trapped while it
 * is open and returns to the button when it closes). Place it inside the form it submits.
 */
export function ConfirmButton({
  label,
  title,
  body,
  confirmLabel,
  cancelLabel,
  variant = "danger",
  size = "sm",
  pendingLabel,
}: {
  label: string;
  title: string;
  body?: React.ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  variant?: ButtonVariant;
  size?: "sm" | "md";
  pendingLabel: string;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const { pending } = useFormStatus();
  const titleId = useId();
  return (
    <>
      <button type="button" className={buttonClass(variant, size)} disabled={pending} onClick={() => dialogRef.current?.showModal()}>
        {pending ? pendingLabel : label}
      </button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/50"
      >
        <div className="space-y-3 p-5">
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          {body ? <div className="text-sm text-slate-700">{body}</div> : null}
          <div className="flex flex-wrap justify-end gap-2 pt-2">
            <button type="button" className={buttonClass("secondary", "md")} onClick={() => dialogRef.current?.close()} autoFocus>
              {cancelLabel}
            </button>
            <button type="submit" className={buttonClass(variant, "md")} onClick={() => dialogRef.current?.close()}>
              {confirmLabel}
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
