import { headers } from "next/headers";
import Link from "next/link";
import { Badge } from "../badge";
import { COUNTRIES, ROWS } from "../data";

export const metadata = { title: "Cases" };

/** The case list's shape: a header, the filter form (with its 250-country select), 50 rows of the list's columns, pagination. */
export default async function TablePage() {
  await headers();
  return (
    <div>
      <h1>Cases</h1>
      <p>Open cases you may see, most recently updated first.</p>
      <form method="get" className="filters">
        <label className="field">
          Search <input name="q" type="search" />
        </label>
        <label className="field">
          Country
          <select name="country" defaultValue="">
            <option value="">All countries</option>
            {COUNTRIES.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Risk
          <select name="risk" defaultValue="">
            <option value="">Any risk</option>
            {["LOW", "MEDIUM", "HIGH", "CRITICAL"].map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      <table role="table">
        <caption className="sr-only">Cases</caption>
        <thead>
          <tr>
            {["Code", "Status", "Country", "Risk", "Assignee", "Next step", "Updated"].map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ROWS.map((row) => (
            <tr key={row.code} className="case-row" data-testid="case-row">
              <td className="case-code">
                <Link href={`/case/${row.code}`}>{row.code}</Link>
              </td>
              <td className="case-status">
                <Badge>{row.status}</Badge>
                <p className="case-note">{row.daysInStage} days in this stage</p>
              </td>
              <td className="case-country">
                <span title={`Country risk ${row.countryRisk}`}>{row.country}</span> <Badge>{row.countryRisk}</Badge>
                {row.noTravelDocument ? (
                  <p>
                    <Badge tone="warning">No valid travel document</Badge>
                  </p>
                ) : null}
              </td>
              <td className="case-risk">
                <Badge>{row.risk}</Badge>
              </td>
              <td className="case-assignee">{row.assignee ?? <Badge tone="warning">Unassigned</Badge>}</td>
              <td className="case-step">
                {row.nextStep ? (
                  <span className={row.nextStep.overdue ? "overdue" : undefined}>
                    {row.nextStep.overdue ? "Overdue since" : "Due"} <time dateTime={row.nextStep.due}>{row.nextStep.due}</time>
                  </span>
                ) : (
                  <span>No next step</span>
                )}
              </td>
              <td className="case-updated">
                <time dateTime="2026-01-15">{row.updated}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav aria-label="Pages">
        <span>Page 1 of 2,000</span> <Link href="/table?page=2">Next</Link>
      </nav>
    </div>
  );
}
