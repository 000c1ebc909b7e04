import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/session";
import { IMPORT_COLUMN_VALUES, IMPORT_COLUMNS, importTemplateCsv, REQUIRED_COLUMNS } from "@/lib/cases/import/columns";
import { ImportWizard } from "./_components/import-wizard";
import { TemplateDownload } from "./_components/template-download";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("caseImport"))("title") };
}

/** Coordinators bring an existing spreadsheet in: the columns, the template, a dry run, then the import. */
export default async function ImportCasesPage() {
  await requirePageActor("case:import");
  const t = await getTranslations("caseImport");
  return (
    <ClientMessages namespaces={["caseImport", "fieldErrors", "identifierKinds"]}>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <Card aria-labelledby="import-heading">
          <CardHeader id="import-heading" title={t("steps")} description={t("stepsHint")} />
          <CardBody>
            <ImportWizard />
          </CardBody>
        </Card>
        <Card aria-labelledby="columns-heading">
          <CardHeader
            id="columns-heading"
            title={t("columnsTitle")}
            description={t("columnsHint")}
            actions={<TemplateDownload template={importTemplateCsv()} label={t("template")} />}
          />
          <CardBody>
            <dl className="divide-y divide-slate-100 text-sm">
              {IMPORT_COLUMNS.map((column) => (
                <div key={column} className="grid gap-1 py-2 sm:grid-cols-[10rem_minmax(0,1fr)]">
                  <dt>
                    <code className="text-xs font-semibold">{column}</code>
                    {REQUIRED_COLUMNS.includes(column) ? <span className="ml-1 text-xs text-red-700">{t("required")}</span> : null}
                  </dt>
                  <dd className="text-slate-700">{t(`column.${column}`, { values: (IMPORT_COLUMN_VALUES[column] ?? []).join(", ") })}</dd>
                </div>
              ))}
            </dl>
          </CardBody>
        </Card>
      </div>
    </ClientMessages>
  );
}
