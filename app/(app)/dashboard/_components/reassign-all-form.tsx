"use client";

import { createContext, useContext, useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { useTranslations } from "next-intl";
import { reassignAllAction } from "@/app/(app)/dashboard/actions";
import { ActionForm, useFieldValue } from "@/components/ui/action-form";
import type { ActionState } from "@/lib/errors/action-result";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { controlClass } from "@/components/ui/field";

// The outcome is said above the caseload list, not in the row: once all of someone's cases have
// moved, their row (and this form) is gone from the refreshed page.
const AnnounceMoved = createContext<(moved: number) => void>(() => {});

export function CaseloadMoves({ children }: { children: React.ReactNode }) {
  const t = useTranslations("dashboard");
  const [outcome, setOutcome] = useState<{ moved: number; at: number } | null>(null);
  const status = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (outcome) status.current?.focus();
  }, [outcome]);
  return (
    <AnnounceMoved.Provider value={(moved) => setOutcome({ moved, at: Date.now() })}>
      <p
        ref={status}
        role="status"
        tabIndex={-1}
        className={
          outcome ? "mx-4 mt-3 rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-950 sm:mx-5" : "sr-only"
        }
      >
        {outcome ? t("moved", { count: outcome.moved }) : null}
      </p>
      {children}
    </AnnounceMoved.Provider>
  );
}

/**
 * "Someone leaves": every open case of one caseworker (or every unassigned one) to another. The
 * dashboard lists every caseworker, so the form with its list of all caseworkers appears only when
 * asked for: rendered on every row it made the page grow with the square of the team.
 */
export function ReassignAllForm({
  fromId,
  fromLabel,
  count,
  caseworkers,
}: {
  fromId: string;
  fromLabel: string;
  count: number;
  caseworkers: Array<{ id: string; email: string }>;
}) {
  const t = useTranslations("dashboard");
  const [open, setOpen] = useState(false);
  const announce = useContext(AnnounceMoved);
  if (!open) {
    return (
      <button
        type="button"
        className={buttonClass("secondary", "sm")}
        aria-label={t("reassignAllOf", { who: fromLabel })}
        onClick={() => setOpen(true)}
      >
        {t("reassignAllOpen")}
      </button>
    );
  }
  const targets = caseworkers.filter((c) => c.id !== fromId);
  return (
    <ActionForm
      // Announced from here, not from onSuccess: the refreshed page may no longer have this row.
      action={async (previous: ActionState<{ moved: number }>, form: FormData) => {
        const result = await reassignAllAction(previous, form);
        if (result.ok) announce(result.data?.moved ?? 0);
        return result;
      }}
      className="flex flex-wrap items-center gap-2 space-y-0"
      aria-label={t("reassignAllOf", { who: fromLabel })}
    >
      <input type="hidden" name="fromId" value={fromId} />
      <label className="sr-only" htmlFor={`reassign-${fromId}`}>
        {t("reassignTo")}
      </label>
      {/* Opened by the button above: the choice is what comes next. */}
      <AssigneeSelect id={`reassign-${fromId}`} label={t("reassignTo")} targets={targets} />
      <ConfirmButton
        variant="secondary"
        label={t("reassignAll")}
        title={t("reassignAllTitle", { who: fromLabel, count })}
        body={t("reassignAllBody")}
      />
    </ActionForm>
  );
}

/** The caseworker to move the cases to: still chosen after a refusal (the form resets). */
function AssigneeSelect({ id, label, targets }: { id: string; label: string; targets: Array<{ id: string; email: string }> }) {
  const chosen = useFieldValue("assigneeId", "");
  return (
    <select key={chosen} id={id} name="assigneeId" required defaultValue={chosen} autoFocus className={controlClass("w-auto py-1.5")}>
      <option value="" disabled>
        {label}
      </option>
      {targets.map((c) => (
        <option key={c.id} value={c.id}>
          {c.email}
        </option>
      ))}
    </select>
  );
}
