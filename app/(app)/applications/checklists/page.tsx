import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { AddChecklistItemForm, ChecklistItemRow } from "@/app/(app)/applications/checklists/_components/checklist-forms";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { listChecklistItems, type ChecklistItemDTO } from "@/lib/cases/checklist-items";
import { requirePageActor } from "@/lib/auth/session";
import { countryName, countryOptions } from "@/lib/i18n/countries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("checklists"))("title") };
}

/** What an application to each destination needs, kept by coordinators (ADR 021). */
export default async function ChecklistsPage() {
  const actor = await requirePageActor("checklist:manage");
  const [items, t, tc, locale] = await Promise.all([
    listChecklistItems(actor),
    getTranslations("checklists"),
    getTranslations("case"),
    getLocale(),
  ]);
  const lists = new Map<string, ChecklistItemDTO[]>();
  for (const item of items) {
    const key = `${item.destinationCountry} ${item.applicationType ?? ""}`;
    lists.set(key, [...(lists.get(key) ?? []), item]);
  }
  return (
    <ClientMessages namespaces={["checklists", "case"]}>
      <>
        <PageHeader title={t("title")} description={t("description")} />
        <div className="space-y-6">
          <Card aria-labelledby="add-item-heading">
            <CardHeader id="add-item-heading" title={t("add")} description={t("addHint")} />
            <CardBody>
              <AddChecklistItemForm countries={countryOptions(locale)} />
            </CardBody>
          </Card>
          {lists.size === 0 ? <p className="text-sm text-slate-600">{t("none")}</p> : null}
          {[...lists.entries()].map(([key, list]) => {
            const first = list[0]!;
            const title = `${countryName(first.destinationCountry, locale)} · ${first.applicationType ? tc(`applicationType.${first.applicationType}`) : t("anyType")}`;
            const id = `list-${key.replace(" ", "-")}`;
            return (
              <Card key={key} aria-labelledby={id} data-testid="checklist">
                <CardHeader id={id} title={title} />
                <ol className="divide-y divide-slate-100">
                  {list.map((item) => (
                    <li key={item.id} className="px-4 py-3 sm:px-5" data-testid="checklist-item">
                      <ChecklistItemRow item={item} />
                    </li>
                  ))}
                </ol>
              </Card>
            );
          })}
        </div>
      </>
    </ClientMessages>
  );
}
