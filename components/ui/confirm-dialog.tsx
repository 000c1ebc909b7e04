"use client";

import { useTranslations } from "next-intl";
import { useId, useRef } from "react";
import { useFormStatus } from "react-dom";
import { buttonClass, type ButtonVariant } from "./button";

/**
 * A button that asks before submitting its form: a native modal <dialog> (the page behind is inert,
 * Escape closes it, focus returns to the button). Tab cycles through the dialog's buttons: without
 * that, the browser lets focus leave a modal dialog for its own toolbar. Place it inside the form it
 * submits. The cancel and pending labels are the common ones unless told otherwise.
 */

/** Keeps Tab and Shift+Tab cycling inside the dialog. */
function trapTab(event: React.KeyboardEvent<HTMLDialogElement>) {
  if (event.key !== "Tab") return;
  const focusable = Array.from(
    event.currentTarget.querySelectorAll<HTMLElement>(
      "button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex='-1'])",
    ),
  );
  if (focusable.length === 0) return;
  const first = focusable[0]!;
  const last = focusable[focusable.length - 1]!;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
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
  /** The dialog's submit button; the button's own label unless told otherwise. */
  confirmLabel?: string;
  cancelLabel?: string;
  variant?: ButtonVariant;
  size?: "sm" | "md";
  pendingLabel?: string;
}) {
  const tc = useTranslations("common");
  const dialogRef = useRef<HTMLDialogElement>(null);
  const { pending } = useFormStatus();
  const titleId = useId();
  return (
    <>
      <button type="button" className={buttonClass(variant, size)} disabled={pending} onClick={() => dialogRef.current?.showModal()}>
        {pending ? (pendingLabel ?? tc("working")) : label}
      </button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        onKeyDown={trapTab}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/50"
      >
        <div className="space-y-3 p-5">
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          {body ? <div className="text-sm text-slate-700">{body}</div> : null}
          <div className="flex flex-wrap justify-end gap-2 pt-2">
            <button type="button" className={buttonClass("secondary", "md")} onClick={() => dialogRef.current?.close()} autoFocus>
              {cancelLabel ?? tc("cancel")}
            </button>
            <button type="submit" className={buttonClass(variant, "md")} onClick={() => dialogRef.current?.close()}>
              {confirmLabel ?? label}
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
