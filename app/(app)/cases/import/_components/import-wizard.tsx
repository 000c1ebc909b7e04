"use client";

import Link from "next/link";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { checkImportAction, importCasesAction } from "@/app/(app)/cases/import/actions";
import { ActionForm } from "@/components/ui/action-form";
import { fieldErrorText } from "@/lib/errors/refusal-words";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table } from "@/components/ui/table";
import type { ImportCheck } from "@/lib/cases/import/run";

/** What the browser may send in one post (the server-action limit, less the form's own bytes). */
const PAGE_LIMIT_BYTES = 200 * 1024;

/**
 * Choose a file, check it (the dry run), then import the rows that passed. The browser reads the
 * file and keeps its text between the two steps, so the import is of exactly the file checked.
 */
export function ImportWizard() {
  const t = useTranslations("caseImport");
  const [file, setFile] = useState<{ label: string; csv: string } | null>(null);
  const [tooBig, setTooBig] = useState(false);
  // A new file is checked afresh: the forms below are keyed by it.
  const [chosen, setChosen] = useState(0);
  const [check, setCheck] = useState<ImportCheck | null>(null);

  async function choose(event: React.ChangeEvent<HTMLInputElement>) {
    const picked = event.target.files?.[0];
    setTooBig(Boolean(picked && picked.size > PAGE_LIMIT_BYTES));
    setFile(picked && picked.size <= PAGE_LIMIT_BYTES ? { label: picked.name, csv: await picked.text() } : null);
    setChosen((n) => n + 1);
    setCheck(null);
  }

  return (
    <div className="space-y-4">
      <div>
        <label htmlFor="import-file" className="block text-sm font-medium text-slate-800">
          {t("fileLabel")}
        </label>
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          onChange={choose}
          className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:font-medium"
        />
        <p className="mt-1 text-xs text-slate-600">{t("fileHint")}</p>
      </div>
      {tooBig ? <Alert tone="danger">{t("tooBig")}</Alert> : null}
      {file ? (
        <ActionForm
          key={`check-${chosen}`}
          action={checkImportAction}
          aria-label={t("check")}
          onSuccess={(result) => setCheck(result.data ?? null)}
        >
          <input type="hidden" name="csv" value={file.csv} />
          <SubmitButton variant="secondary" pendingLabel={t("checking")}>
            {t("check")}
          </SubmitButton>
        </ActionForm>
      ) : null}
      {file && check ? <CheckReport key={`report-${chosen}`} csv={file.csv} check={check} /> : null}
    </div>
  );
}

function CheckReport({ csv, check }: { csv: string; check: ImportCheck }) {
  const t = useTranslations("caseImport");
  if (!check.ok) {
    return (
      <Alert tone="danger">
        <span data-testid="import-file-problem">
          {t(`problem.${check.problem}`, { columns: "columns" in check ? check.columns.join(", ") : "" })}
        </span>
      </Alert>
    );
  }
  return (
    <section aria-labelledby="import-report" className="space-y-3" data-testid="import-report">
      <h3 id="import-report" className="text-sm font-semibold text-slate-900">
        {t("reportTitle")}
      </h3>
      <dl className="grid grid-cols-3 gap-2 text-sm sm:max-w-md">
        {(["rows", "ready", "refusedRows"] as const).map((figure) => (
          <div key={figure} className="rounded-md bg-slate-50 px-3 py-2">
            <dt className="text-xs text-slate-600">{t(`figure.${figure}`)}</dt>
            <dd className="text-lg font-semibold tabular-nums" data-testid={`import-${figure}`}>
              {check[figure]}
            </dd>
          </div>
        ))}
      </dl>
      {check.refusals.length ? <Refusals check={check} /> : null}
      {check.alreadyImported ? (
        <Alert tone="danger">{t("alreadyImported")}</Alert>
      ) : check.ready > 0 ? (
        <ImportStep csv={csv} ready={check.ready} />
      ) : null}
    </section>
  );
}

function Refusals({ check }: { check: Extract<ImportCheck, { ok: true }> }) {
  const t = useTranslations("caseImport");
  const tField = useTranslations("fieldErrors");
  const tKinds = useTranslations("identifierKinds");
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700">{t("refusedHint")}</p>
      <Table
        caption={t("refusalsCaption")}
        rows={check.refusals}
        rowKey={(r) => `${r.row}:${r.column}`}
        columns={[
          { header: t("row"), cell: (r) => r.row, numeric: true, testId: (r) => `refused-row-${r.row}` },
          { header: t("columnHeader"), cell: (r) => <code className="text-xs">{r.column ?? "—"}</code> },
          { header: t("why"), cell: (r) => (r.sameAs ? t("sameAs", { row: r.sameAs }) : fieldErrorText(r.reason, tField, tKinds)) },
        ]}
      />
      {check.refusedRows > new Set(check.refusals.map((r) => r.row)).size ? (
        <p className="text-xs text-slate-600">{t("moreRefused", { shown: check.refusals.length })}</p>
      ) : null}
    </div>
  );
}

/** The second post: the same text, and the number of cases the person was shown. */
function ImportStep({ csv, ready }: { csv: string; ready: number }) {
  const t = useTranslations("caseImport");
  const [imported, setImported] = useState<number | null>(null);
  if (imported !== null) {
    return (
      <Alert tone="success">
        <span data-testid="import-done">{t("imported", { count: imported })}</span>{" "}
        <Link href="/cases" className="font-medium underline underline-offset-2">
          {t("toList")}
        </Link>
      </Alert>
    );
  }
  return (
    <ActionForm
      action={importCasesAction}
      aria-label={t("importButton", { count: ready })}
      onSuccess={(result) => setImported(result.data?.imported ?? 0)}
    >
      <input type="hidden" name="csv" value={csv} />
      <input type="hidden" name="expected" value={ready} />
      <SubmitButton pendingLabel={t("importing")}>{t("importButton", { count: ready })}</SubmitButton>
    </ActionForm>
  );
}
