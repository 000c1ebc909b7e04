import { readFile } from "node:fs/promises";
import { checkCaseImport, importCases } from "../lib/cases/import/run";
import { importingCoordinator } from "../lib/cases/import/operator";
import { confirmByTyping, runCli, UsageError } from "./lib/cli";

await runCli({
  help: `npm run import -- <cases.csv> --as <coordinator e-mail> — bring a spreadsheet of cases in

Reads a CSV file with the columns of docs/import.md (the upload page /cases/import offers a template),
checks every row as the intake form would (vocabularies, countries and cities, dates, caseworkers,
screening of typed places) and reports per row what is refused, by row number and column, never the
value. Then imports the accepted rows as new cases, all or nothing, in one transaction: an
interrupted import leaves nothing, so run it again to resume. A file already imported is refused.
The import acts as the named coordinator: the audit log and the caseworkers' notifications say so.

Options:
      --as <e-mail>  the active coordinator the import acts as (required)
      --dry-run      check the file and report; change nothing
      --yes          import without asking (for a script; in a terminal you are asked to type IMPORT)
  -h, --help         show this help`,
  options: { as: { type: "string" }, "dry-run": { type: "boolean" }, yes: { type: "boolean" } },
  positionals: true,
  prepare(values, positionals) {
    if (positionals.length !== 1) throw new UsageError("name one CSV file, e.g. npm run import -- cases.csv --as coordinator@example.org");
    if (!values.as) throw new UsageError("say which coordinator imports: --as <e-mail>");
    return { file: positionals[0]!, as: values.as };
  },
  secrets: true,
  database: true,
  async run({ values, input, progress }) {
    const csv = await readFile(input.file, "utf8").catch(() => {
      throw new Error(`cannot read ${input.file}: check the path`);
    });
    const actor = await importingCoordinator(input.as).catch(() => {
      throw new Error(`${input.as} is not an active coordinator: name one with --as`);
    });
    const check = await checkCaseImport(actor, csv);
    if (!check.ok) {
      const columns = "columns" in check ? `: ${check.columns.join(", ")}` : "";
      throw new Error(`the file is refused (${check.problem}${columns}); see docs/import.md for the columns`);
    }
    for (const r of check.refusals)
      console.log(`  row ${r.row}: ${r.column ?? "row"} refused (${r.reason}${r.sameAs ? `, same contact as row ${r.sameAs}` : ""})`);
    if (check.refusedRows > check.refusals.length) console.log(`  … and more: ${check.refusedRows} rows refused in all`);
    const counts = `${check.rows} row(s): ${check.ready} ready, ${check.refusedRows} refused`;
    if (check.alreadyImported) throw new Error(`this file was already imported (${counts}); nothing to do`);
    if (values["dry-run"]) return `dry run: ${counts}; nothing changed`;
    if (check.ready === 0) throw new Error(`${counts}: nothing to import; fix the rows above and run again`);
    if (!values.yes) {
      const confirmed = await confirmByTyping("IMPORT", {
        what: `${check.ready} case(s) will be created as ${actor.email} (${check.refusedRows} refused row(s) left out)`,
        unattended: `${check.ready} case(s) would be created, and there is nobody to confirm it. Run with --dry-run to check, then with --yes.`,
      });
      if (!confirmed) return "nothing imported (not confirmed)";
    }
    const { imported, refusedRows } = await importCases(actor, csv, {
      expected: check.ready,
      onProgress: (done, total) => progress(`imported ${done}/${total}`),
    });
    return `imported ${imported} case(s) as ${actor.email}; ${refusedRows} refused row(s) left out (fix them in a new file)`;
  },
});
