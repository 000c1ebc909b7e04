import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TaskList } from "@/app/(app)/tasks/_components/task-list";
import { ClientMessages } from "@/components/i18n/client-messages";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/access/policy";
import { requirePageActor } from "@/lib/auth/session";
import { listMyTasks } from "@/lib/tasks/queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tasks"))("title") };
}

/** My tasks: everything I am to do, across my cases, overdue first. */
export default async function MyTasksPage() {
  const actor = await requirePageActor("task:list");
  const [{ tasks, total }, t] = await Promise.all([listMyTasks(actor), getTranslations("tasks")]);
  const overdue = tasks.filter((task) => task.overdue).length;
  return (
    <ClientMessages namespaces={["tasks", "time"]}>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          can(actor.role, "task:board") ? (
            <ButtonLink href="/tasks/board" variant="secondary">
              {t("board")}
            </ButtonLink>
          ) : null
        }
      />
      <Card>
        <CardBody className="space-y-3">
          <p className="text-sm text-slate-700" data-testid="task-summary">
            {t("summary", { total })}
            {overdue ? ` · ${t("overdueCount", { count: overdue })}` : ""}
          </p>
          <TaskList tasks={tasks} mode="mine" empty={t("none")} />
          {total > tasks.length ? <p className="text-sm text-slate-600">{t("cut", { shown: tasks.length, total })}</p> : null}
        </CardBody>
      </Card>
    </ClientMessages>
  );
}
