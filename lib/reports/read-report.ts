import type { DashboardDTO, FigureKeys } from "@/lib/dashboard/dto";

/**
 * Test support: reads an exported report back as an outsider would, and lists the exact counts
 * behind each of its published cells, under the same names. Not used by the app.
 */

export const TITLES = {
  status: "Open cases by status",
  country: "Open cases by current country",
  key: "Key figures (open cases)",
  created: "New cases per week",
  closed: "Closed cases per week",
  stages: "Days in each stage (stays that ended in the period)",
  applications: "People with an application started in the period, by destination and current status",
} as const;

/** RFC 4180, as csv-stringify writes it: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** The rows of one section, header included: from its title to the next blank line. */
export function section(rows: string[][], title: string): string[][] {
  const start = rows.findIndex((r) => r.length === 1 && r[0] === title);
  if (start === -1) throw new Error(`no section "${title}"`);
  const end = rows.findIndex((r, i) => i > start && r.length === 1 && r[0] === "");
  return rows.slice(start + 1, end === -1 ? undefined : end);
}

/** Every published count of a report, by name ("status NEW", "applications DE Total", …). */
export function publishedCells(rows: string[][]): Map<string, string> {
  const cells = new Map<string, string>();
  const last = (r: string[]) => r[r.length - 1]!;
  for (const r of section(rows, TITLES.status).slice(1)) cells.set(`status ${r[0]}`, r[1]!);
  for (const r of section(rows, TITLES.country).slice(1)) cells.set(`country ${r[0] || r[1]}`, last(r));
  for (const r of section(rows, TITLES.key).slice(1)) cells.set(`key ${r[0]}`, r[1]!);
  for (const r of section(rows, TITLES.created).slice(1)) cells.set(`new ${r[0]}`, r[1]!);
  for (const r of section(rows, TITLES.closed).slice(1)) cells.set(`closed ${r[0]}`, r[1]!);
  for (const r of section(rows, TITLES.stages).slice(1)) cells.set(`stays ${r[0]}`, r[1]!);
  const [header, ...body] = section(rows, TITLES.applications);
  const columns = header!.slice(1, -1); // statuses and Total; the approval rate is not a count
  for (const r of body) columns.forEach((column, j) => cells.set(`applications ${r[0]} ${column}`, r[j + 1]!));
  return cells;
}

/**
 * The true counts behind `publishedCells`, by the same names, from the figures the report was built
 * from. A published cell missing here (an application status nobody is in) is a true 0.
 */
export function exactCells(d: DashboardDTO, keys: FigureKeys, staleDays = 14): Map<string, number> {
  const cells = new Map<string, number>();
  for (const r of d.byStatus) cells.set(`status ${r.status}`, r.count);
  cells.set("status Total", d.open.count);
  for (const r of d.byCountry) cells.set(`country ${r.country}`, r.count);
  cells.set("country Total", d.open.count);
  cells.set("key In an extradition-risk or origin country", d.inDanger.count);
  cells.set("key Without a valid travel document", d.noTravelDocument.count);
  cells.set(`key No update for ${staleDays}+ days`, d.stale.count);
  cells.set("key With an overdue next step", d.overdueSteps.count);
  cells.set("key With an appointment in the next 7 days", d.upcomingAppointments.count);
  for (const [name, weeks] of [
    ["new", d.newPerWeek],
    ["closed", d.closedPerWeek],
  ] as const) {
    for (const r of weeks) cells.set(`${name} ${r.week}`, r.count);
    cells.set(
      `${name} Total`,
      weeks.reduce((a, r) => a + r.count, 0),
    );
  }
  for (const r of d.stageDays) cells.set(`stays ${r.stage}`, r.stays);
  // People are counted once per cell: the totals are their own counts (a person can be in two statuses).
  const apps = keys.applications;
  for (const [destinationAndStatus, c] of apps.cells) cells.set(`applications ${destinationAndStatus}`, c.count);
  for (const [destination, c] of apps.byDestination) cells.set(`applications ${destination} Total`, c.count);
  for (const [status, c] of apps.byStatus) cells.set(`applications Total ${status}`, c.count);
  cells.set("applications Total Total", apps.all.count);
  return cells;
}
