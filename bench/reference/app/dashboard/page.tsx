import { headers } from "next/headers";
import Link from "next/link";
import { Badge } from "../badge";
import { ConfirmButton } from "../confirm-button";
import { COUNTRIES, dashboardOf, STAFF } from "../data";

export const metadata = { title: "Dashboard" };

const data = dashboardOf();

function Section({ id, title, description, children }: { id: string; title: string; description: string; children: React.ReactNode }) {
  return (
    <section className="section" aria-labelledby={id}>
      <div className="section-header">
        <div>
          <h2 id={id}>{title}</h2>
          <p>{description}</p>
        </div>
        <Link href={`/table?section=${id}`}>Open in the case list</Link>
      </div>
      {children}
    </section>
  );
}

function Table({ caption, columns, rows }: { caption: string; columns: string[]; rows: (string | number)[][] }) {
  return (
    <table>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={String(row[0])}>
            {row.map((cell, i) => (
              <td key={i}>{i === 0 ? cell : <Link href={`/table?row=${row[0]}&col=${i}`}>{cell}</Link>}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The dashboard's shape: filters (250 countries, 50 caseworkers), an alert with its confirmation, key figures, five tables, a caseload of 50. */
export default async function DashboardPage() {
  await headers();
  return (
    <div>
      <h1>Dashboard</h1>
      <form method="get" className="filters">
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
          Caseworker
          <select name="assignee" defaultValue="">
            <option value="">Anyone</option>
            {STAFF.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Period
          <select name="period" defaultValue="12w">
            {["4w", "12w", "26w", "52w"].map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <button type="submit">Apply</button>
      </form>
      <section aria-labelledby="alerts" className="section">
        <h2 id="alerts">Reading alerts</h2>
        <p>
          {data.alert.account} read {data.alert.cases} cases since <time dateTime={data.alert.since}>{data.alert.since}</time>.
        </p>
        <ConfirmButton label="Clear the alert" question={`Clear the alert about ${data.alert.account}?`} />
      </section>
      <section aria-labelledby="key-figures" className="figures">
        <h2 id="key-figures" className="sr-only">
          Key figures
        </h2>
        {data.figures.map((f) => (
          <Link key={f.label} href={f.href} className="figure">
            <span className="figure-value">{f.value.toLocaleString("en")}</span>
            <span className="figure-label">{f.label}</span>
          </Link>
        ))}
      </section>
      <Section id="stage" title="Open cases by stage" description="Where the open cases are, with those overdue or without an update.">
        <Table
          caption="By stage"
          columns={["Stage", "Open", "Overdue", "No update"]}
          rows={data.stages.map((s) => [s.status, s.open, s.overdue, s.stale])}
        />
      </Section>
      <Section id="country" title="Open cases by current country" description="Where people are waiting now.">
        <Table
          caption="By country"
          columns={["Country", "Risk", "Open"]}
          rows={data.countries.map((c) => [c.country.name, c.risk, c.open])}
        />
      </Section>
      <Section id="weekly" title="New and closed cases per week" description="The last twelve weeks.">
        <Table caption="Per week" columns={["Week", "Opened", "Closed"]} rows={data.weeks.map((w) => [w.week, w.opened, w.closed])} />
      </Section>
      <Section id="days" title="Days in each stage" description="Median and 90th percentile of the open cases.">
        <Table
          caption="Days in stage"
          columns={["Stage", "Median", "90th percentile"]}
          rows={data.daysInStage.map((d) => [d.status, d.median, d.p90])}
        />
      </Section>
      <Section id="applications" title="Applications by destination and status" description="Submitted, granted and refused.">
        <Table
          caption="Applications"
          columns={["Destination", "Kind", "Submitted", "Granted", "Refused"]}
          rows={data.applications.map((a) => [`${a.destination} (${a.kind})`, a.kind, a.submitted, a.granted, a.refused])}
        />
      </Section>
      <Section id="caseload" title="Caseload per caseworker" description="Open cases, overdue steps, stale and critical cases per person.">
        <ul className="caseload">
          {data.caseload.map((c) => (
            <li key={c.id}>
              <Link href={`/table?assignee=${c.id}`}>{c.name}</Link>
              <span>
                <Badge>{c.open} open</Badge> <Badge tone="warning">{c.overdue} overdue</Badge> <Badge>{c.stale} stale</Badge>{" "}
                <Badge tone="warning">{c.critical} critical</Badge>
              </span>
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
