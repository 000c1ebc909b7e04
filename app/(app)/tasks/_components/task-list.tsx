import Link from "next/link";
import { useTranslations } from "next-intl";
import { completeTaskAction } from "@/app/(app)/tasks/actions";
import { REASSIGN_FORM_ID } from "@/app/(app)/tasks/_components/reassign-form";
import { DateOnly } from "@/components/cases/time";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import type { TaskDTO } from "@/lib/tasks/queries";

/**
 * Tasks across cases, overdue first: the case, the task, its due day and owner. On "my tasks" each
 * has its Done button; on the board each has a checkbox for the reassignment form.
 */
export function TaskList({ tasks, mode, empty }: { tasks: TaskDTO[]; mode: "mine" | "board"; empty: string }) {
  const t = useTranslations("tasks");
  if (tasks.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="task-list">
      {tasks.map((task) => (
        <li key={task.id} className="flex flex-wrap items-center gap-3 py-2 text-sm" data-testid="task">
          {mode === "board" ? (
            <input
              type="checkbox"
              name="stepIds"
              value={task.id}
              form={REASSIGN_FORM_ID}
              aria-label={t("select", { code: task.code, text: task.text })}
              className="size-4 accent-brand-700 max-md:size-5"
            />
          ) : null}
          <div className="min-w-0 flex-1">
            <p>
              <Link href={`/cases/${task.code}`} className="font-mono font-medium text-brand-700 underline-offset-2 hover:underline">
                {task.code}
              </Link>{" "}
              <span className="text-slate-900">{task.text}</span>
            </p>
            <p className={task.overdue ? "text-xs font-semibold text-red-700" : "text-xs text-slate-600"}>
              {task.dueOn ? (
                <>
                  {task.overdue ? t("overdueSince") : t("due")} <DateOnly date={task.dueOn} />
                </>
              ) : (
                t("noDueDate")
              )}
              {task.repeatDays ? ` · ${t("every", { days: task.repeatDays })}` : ""}
              {mode === "board" && task.owner ? ` · ${task.owner.email}${task.owner.active ? "" : ` (${t("inactive")})`}` : ""}
            </p>
          </div>
          {mode === "mine" ? (
            <ActionForm action={completeTaskAction}>
              <input type="hidden" name="code" value={task.code} />
              <input type="hidden" name="version" value={task.caseVersion} />
              <input type="hidden" name="stepId" value={task.id} />
              <SubmitButton variant="secondary" size="sm" pendingLabel={t("saving")}>
                <span aria-hidden="true">✓</span> {t("markDone")}
                <span className="sr-only">: {task.text}</span>
              </SubmitButton>
            </ActionForm>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
