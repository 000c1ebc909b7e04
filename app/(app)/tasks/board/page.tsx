import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ReassignTasks } from "@/app/(app)/tasks/_components/reassign-tasks";
import { TaskList } from "@/app/(app)/tasks/_components/task-list";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { requirePageActor } from "@/lib/auth/session";
import { listStaffOptions } from "@/lib/cases/staff";
import { getTaskBoard, type OwnerLoadDTO } from "@/lib/tasks/queries";
import { TaskBoardFilterSchema } from "@/lib/tasks/schemas";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tasks"))("boardTitle") };
}

/** The team board: who has how much to do, and the overdue and this week's tasks to give to someone else. */
export default async function TaskBoardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("task:board");
  const filter = TaskBoardFilterSchema.parse(await searchParams);
  const [board, staff, t] = await Promise.all([
    getTaskBoard(actor, { ownerId: filter.owner }),
    listStaffOptions(actor),
    getTranslations("tasks"),
  ]);
  const chosen = filter.owner ? board.owners.find((o) => o.owner?.id === filter.owner)?.owner : null;
  const ownerLabel = (row: OwnerLoadDTO) =>
    row.owner ? `${row.owner.email}${row.owner.active ? "" : ` (${t("inactive")})`}` : t("noOwner");
  return (
    <ClientMessages namespaces={["tasks", "time"]}>
      <PageHeader title={t("boardTitle")} description={t("boardDescription")} />
      <div className="space-y-6">
        <Card aria-labelledby="load-heading">
          <CardHeader id="load-heading" title={t("byOwner")} />
          <CardBody>
            <Table
              caption={t("byOwner")}
              rowKey={(row) => row.owner?.id ?? "none"}
              rows={board.owners}
              columns={[
                {
                  header: t("owner"),
                  cell: (row) =>
                    row.owner ? (
                      <Link className="text-brand-700 underline" href={`/tasks/board?owner=${row.owner.id}`}>
                        {ownerLabel(row)}
                      </Link>
                    ) : (
                      ownerLabel(row)
                    ),
                },
                { header: t("overdue"), cell: (row) => row.overdue, numeric: true, testId: () => "owner-overdue" },
                { header: t("thisWeek"), cell: (row) => row.dueThisWeek, numeric: true },
                { header: t("later"), cell: (row) => row.later, numeric: true },
              ]}
            />
          </CardBody>
        </Card>
        <Card aria-labelledby="due-heading">
          <CardHeader id="due-heading" title={chosen ? t("dueOf", { owner: chosen.email }) : t("dueAll")} />
          <CardBody className="space-y-3">
            {chosen ? (
              <p className="text-sm">
                <Link className="text-brand-700 underline" href="/tasks/board">
                  {t("everyone")}
                </Link>
              </p>
            ) : null}
            <ReassignTasks owners={staff.filter((s) => s.active).map(({ id, email }) => ({ id, email }))} />
            <TaskList tasks={board.tasks} mode="board" empty={t("noneDue")} />
            {board.total > board.tasks.length ? (
              <p className="text-sm text-slate-600">{t("cut", { shown: board.tasks.length, total: board.total })}</p>
            ) : null}
          </CardBody>
        </Card>
      </div>
    </ClientMessages>
  );
}
