import "server-only";
import { randomUUID } from "node:crypto";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { GENESIS_HASH, keyedHasher } from "@/lib/audit/chain";
import { hashPassword } from "@/lib/auth/password";
import { encryptTotpSecret, generateTotpSecret } from "@/lib/auth/totp";
import { travelDocValidUntil } from "@/lib/cases/derived";
import { defaultCountryRiskRows } from "@/lib/countries/defaults";
import { listedCityNamed } from "@/lib/cases/places";
import { CaseKey } from "@/lib/cases/sealed";
import { applicationRow, documentRow, movementRow, nextStepRow } from "@/lib/cases/sealed-rows";
import { caseFieldContext, createDataKey } from "@/lib/crypto/envelope";
import type { ApplicationStatus, CaseStatus, DocumentState, DocumentType } from "@/lib/db/generated/enums";
import { auditChainKey } from "@/lib/env";
import { CASE_CODE_ALPHABET } from "@/lib/validation/atoms";
import { prng } from "./prng";

/**
 * Synthetic load data at scale (npm run db:generate): cases over every stage and country in
 * plausible proportions, each with ~10 timeline events, documents, applications, next steps,
 * movements, status history, encrypted notes and contact channel, plus audit entries with a valid
 * hash chain. Written with COPY in batches, so 100 000 cases take a couple of minutes on 2 cores.
 * Nothing here resembles a real person.
 */

export interface GenerateOptions {
  cases: number;
  caseworkers: number;
  password: string;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateResult {
  cases: number;
  rows: number;
  caseworkers: Array<{ email: string }>;
  coordinator: string;
  seconds: number;
}

const DAY = 86_400_000;
const BATCH = 2_500;

/** COPY text format: tab-separated, \N for NULL, backslash escapes. */
function field(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return value ? "t" : "f";
  return String(value).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}
const line = (...values: unknown[]) => `${values.map(field).join("\t")}\n`;
const dateOnly = (d: Date) => d.toISOString().slice(0, 10);

const ORDER: readonly CaseStatus[] = ["NEW", "VERIFYING", "PLANNING_EXIT", "IN_TRANSIT", "IN_THIRD_COUNTRY", "APPLYING", "RELOCATED"];
const STAGES: ReadonlyArray<readonly [CaseStatus, number]> = [
  ["NEW", 8],
  ["VERIFYING", 7],
  ["PLANNING_EXIT", 8],
  ["IN_TRANSIT", 5],
  ["IN_THIRD_COUNTRY", 20],
  ["APPLYING", 15],
  ["RELOCATED", 17],
  ["CLOSED", 20],
];
const PLACES: Record<string, readonly string[]> = {
  RU: ["Moscow", "St Petersburg", "Novosibirsk", "Yekaterinburg", "Kazan", "Samara"],
  BY: ["Minsk", "Brest", "Gomel"],
  KZ: ["Almaty", "Astana", "Uralsk"],
  AM: ["Yerevan", "Gyumri"],
  KG: ["Bishkek", "Osh"],
  GE: ["Tbilisi", "Batumi"],
  TR: ["Istanbul", "Antalya"],
  RS: ["Belgrade", "Novi Sad"],
  FR: ["Paris", "Lyon"],
  DE: ["Berlin", "Hamburg"],
  UZ: ["Tashkent"],
  MN: ["Ulaanbaatar"],
};
const THIRD = ["KZ", "AM", "KG", "GE", "TR", "RS", "UZ", "MN"] as const;
const STEP_TEXTS = [
  "Book consulate appointment",
  "Confirm the route and the departure day",
  "Second verification conversation",
  "Prepare the cover letter for the humanitarian visa",
  "Check in after arrival",
  "Arrange a safe place to stay for the first week",
  "Ask the lawyer about the criminal case",
];
const NOTE_TEXTS = [
  "Conversation went well; story consistent.",
  "Waiting for the consulate's answer.",
  "Housing arranged through a partner for two weeks.",
  "Low mood; offered the psychologist volunteer.",
  "Arrived safely; registration pending.",
];

class Tables {
  readonly data: Record<string, string[]> = {};
  add(table: string, row: string) {
    (this.data[table] ??= []).push(row);
  }
  get rows() {
    return Object.values(this.data).reduce((n, rows) => n + rows.length, 0);
  }
}

const COLUMNS: Record<string, string> = {
  cases:
    "id, code, status, status_changed_at, status_before_close, close_reason, closed_at, age_band, service_category, people_travelling, language, risk_level, current_country, place_city, criminal_case, on_wanted_list, extradition_request, detained, contact_channel_enc, data_key_wrapped, travel_doc_valid_until, next_step_due_on, next_appointment_on, vetting_state, assigned_to_id, created_by_id, created_at, updated_at, version",
  movements: "id, case_id, country, place_city, place_other_enc, arrived_enc, arrived_week, left_enc, left_week, created_by_id, created_at",
  case_documents: "case_id, type, state, expires_enc, expires_month, updated_at",
  applications:
    "id, case_id, type, destination_country, office_city_key, office_other_enc, status, submitted_enc, appointment_enc, appointment_on, decision_enc, created_at, updated_at",
  next_steps: "id, case_id, text_enc, owner_id, due_on, done_at, created_by_id, created_at",
  notes: "id, case_id, body_enc, author_id, created_at",
  case_status_changes: "case_id, from_status, to_status, at, stage_entered_at, actor_id",
  case_events: "case_id, type, actor_id, at, detail_enc",
  audit_log: "id, at, actor_id, action, target_type, target_id, meta, prev_hash, hash",
  case_audit_links: "case_id, audit_id",
};

async function copy(client: pg.PoolClient, table: string, rows: string[]): Promise<void> {
  if (rows.length === 0) return;
  const stream = client.query(copyFrom(`COPY ${table} (${COLUMNS[table]}) FROM STDIN`));
  await pipeline(Readable.from(rows), stream);
}

export async function generateLoad(connectionString: string, options: GenerateOptions): Promise<GenerateResult> {
  const started = Date.now();
  const random = prng(options.seed ?? 42);
  const pool = new pg.Pool({ connectionString, max: 2 });
  const client = await pool.connect();
  try {
    const existing = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM cases");
    if (existing.rows[0]!.n > 0)
      throw new Error(`the database already holds ${existing.rows[0]!.n} cases; generate into an empty database (a fresh DATABASE_URL)`);

    // Staff: caseworkers, a few coordinators, an admin; one password hash shared (load data only).
    const passwordHash = await hashPassword(options.password);
    const now = new Date();
    const staff: Array<{ id: string; email: string; role: string }> = [
      ...Array.from({ length: options.caseworkers }, (_, i) => ({
        id: randomUUID(),
        email: `caseworker${i + 1}@load.example`,
        role: "CASEWORKER",
      })),
      ...Array.from({ length: Math.max(1, Math.round(options.caseworkers / 10)) }, (_, i) => ({
        id: randomUUID(),
        email: `coordinator${i + 1}@load.example`,
        role: "COORDINATOR",
      })),
      { id: randomUUID(), email: "admin@load.example", role: "ADMIN" },
    ];
    for (const person of staff) {
      await client.query(
        `INSERT INTO users (id, email, role, password_hash, totp_secret_enc, totp_enrolled_at, updated_at) VALUES ($1, $2, $3::"Role", $4, $5, now(), now())`,
        [person.id, person.email, person.role, passwordHash, encryptTotpSecret(generateTotpSecret(), person.id)],
      );
    }
    for (const row of defaultCountryRiskRows()) {
      await client.query(
        `INSERT INTO country_risks (country_code, risk, updated_at) VALUES ($1, $2::"JurisdictionRisk", now()) ON CONFLICT DO NOTHING`,
        [row.countryCode, row.risk],
      );
    }
    const caseworkers = staff.filter((s) => s.role === "CASEWORKER");
    const coordinator = staff.find((s) => s.role === "COORDINATOR")!;

    const head = await client.query<{ last_id: string; last_hash: string }>("SELECT last_id, last_hash FROM audit_head WHERE id = 1");
    let prevHash = head.rows[0]?.last_hash ?? GENESIS_HASH;
    // Keyed with AUDIT_CHAIN_KEY, as appendAudit hashes (ADR 014).
    const entryHash = keyedHasher(auditChainKey());
    let auditId = BigInt(
      (await client.query<{ id: string }>("SELECT nextval(pg_get_serial_sequence('audit_log','id')) AS id")).rows[0]!.id,
    );

    const codes = new Set<string>();
    const newCode = () => {
      for (;;) {
        let code = "WP-";
        for (let i = 0; i < 8; i += 1)
          code += (i === 4 ? "-" : "") + CASE_CODE_ALPHABET[Math.floor(random.next() * CASE_CODE_ALPHABET.length)];
        if (!codes.has(code)) {
          codes.add(code);
          return code;
        }
      }
    };

    let rows = 0;
    for (let start = 0; start < options.cases; start += BATCH) {
      const t = new Tables();
      const count = Math.min(BATCH, options.cases - start);
      for (let n = 0; n < count; n += 1) {
        const id = randomUUID();
        const code = newCode();
        const target = random.weighted(STAGES);
        const closed = target === "CLOSED";
        const reached = closed ? random.pick(["NEW", "VERIFYING", "PLANNING_EXIT", "IN_THIRD_COUNTRY", "APPLYING"] as const) : target;
        const depth = ORDER.indexOf(reached);
        const createdAt = new Date(now.getTime() - random.int(3 + depth * 15, 40 + depth * 120) * DAY - random.int(0, 86_399) * 1000);
        const stale = random.next() < 0.12;
        const end = now.getTime() - (stale ? random.int(15, 60) : random.int(0, 10)) * DAY;
        const worker = random.pick(caseworkers);
        const assignee = target === "NEW" && random.next() < 0.3 ? null : worker.id;

        // Status history.
        const changes: Array<{ from: CaseStatus | null; to: CaseStatus; at: Date }> = [];
        let cursor = createdAt.getTime();
        ORDER.slice(0, depth + 1).forEach((status, i, path) => {
          if (i > 0) cursor += Math.max(DAY / 2, ((end - cursor) / (path.length - i + 1)) * (0.6 + random.next() * 0.8));
          changes.push({ from: i === 0 ? null : path[i - 1]!, to: status, at: new Date(Math.min(cursor, end)) });
        });
        if (closed) {
          cursor += Math.max(DAY, (end - cursor) / 2);
          changes.push({ from: reached, to: "CLOSED", at: new Date(Math.min(cursor, end)) });
        }
        const last = changes[changes.length - 1]!;

        // Location.
        const origin = random.weighted([
          ["RU", 8],
          ["BY", 2],
        ] as const);
        let country: string = origin;
        const movements: Array<{ country: string; arrived: Date | null; left: Date | null }> = [
          { country: origin, arrived: null, left: null },
        ];
        if (depth >= 3) {
          const leftOrigin = changes.find((c) => c.to === "IN_TRANSIT")!.at;
          movements[0]!.left = leftOrigin;
          country = random.pick(THIRD);
          movements.push({ country, arrived: new Date(leftOrigin.getTime() + random.int(1, 4) * DAY), left: null });
          if (reached === "RELOCATED") {
            const at = changes.find((c) => c.to === "RELOCATED")!.at;
            movements[movements.length - 1]!.left = at;
            country = random.weighted([
              ["FR", 5],
              ["DE", 3],
            ] as const);
            movements.push({ country, arrived: at, left: null });
          }
        }

        // Documents.
        const foreign = random.weighted([
          ["VALID", 35],
          ["EXPIRED", 10],
          ["NEVER_HAD", 35],
          ["CONFISCATED", 10],
          ["HELD_BY_AUTHORITIES", 10],
        ] as const);
        const documents: Array<{ type: DocumentType; state: DocumentState; expiresOn: Date | null }> = [
          { type: "INTERNAL_PASSPORT", state: random.next() < 0.9 ? "HELD" : "CONFISCATED", expiresOn: null },
          {
            type: "FOREIGN_PASSPORT",
            state: foreign === "VALID" ? "HELD" : foreign,
            expiresOn:
              foreign === "VALID"
                ? new Date(now.getTime() + random.int(60, 2500) * DAY)
                : foreign === "EXPIRED"
                  ? new Date(now.getTime() - random.int(30, 900) * DAY)
                  : null,
          },
          {
            type: "MILITARY_ID",
            state: random.weighted([
              ["HELD", 5],
              ["CONFISCATED", 2],
              ["LOST", 1],
              ["NEVER_HAD", 2],
            ] as const),
            expiresOn: null,
          },
        ];

        // Applications.
        const applications: Array<{
          status: string;
          destination: string;
          submitted: Date | null;
          appointment: Date | null;
          decision: Date | null;
        }> = [];
        if (reached === "APPLYING" || reached === "RELOCATED" || (reached === "IN_THIRD_COUNTRY" && random.next() < 0.4)) {
          const status =
            reached === "RELOCATED"
              ? "APPROVED"
              : reached === "IN_THIRD_COUNTRY"
                ? "PLANNED"
                : random.weighted([
                    ["SUBMITTED", 3],
                    ["APPOINTMENT_SCHEDULED", 4],
                    ["REJECTED", 1],
                    ["APPEALED", 1],
                    ["APPROVED", 1],
                  ] as const);
          const destination = random.weighted([
            ["FR", 5],
            ["DE", 3],
            ["LT", 1],
            ["NL", 1],
          ] as const);
          applications.push({
            status,
            destination,
            submitted: status === "PLANNED" ? null : new Date(last.at.getTime() - random.int(5, 40) * DAY),
            appointment: status === "APPOINTMENT_SCHEDULED" ? new Date(now.getTime() + random.int(-5, 30) * DAY) : null,
            decision: ["APPROVED", "REJECTED", "APPEALED"].includes(status) ? new Date(last.at.getTime() - random.int(1, 10) * DAY) : null,
          });
        }

        // Next steps.
        const steps: Array<{ text: string; due: Date; done: Date | null }> = [
          {
            text: "First conversation and safety check",
            due: new Date(createdAt.getTime() + 2 * DAY),
            done: new Date(createdAt.getTime() + DAY),
          },
        ];
        if (!closed && reached !== "RELOCATED") {
          for (let i = random.int(1, 2); i > 0; i -= 1)
            steps.push({ text: random.pick(STEP_TEXTS), due: new Date(now.getTime() + random.int(-14, 30) * DAY), done: null });
        }
        const openDue = steps.filter((s) => !s.done).map((s) => s.due.getTime());
        const upcoming = applications.map((a) => a.appointment).filter((d): d is Date => d !== null && d > now);
        const updatedAt = new Date(Math.max(last.at.getTime(), end));

        const { wrapped } = createDataKey(id);
        const key = new CaseKey({ id, dataKeyWrapped: wrapped });
        const city = (where: string) => listedCityNamed(where, random.pick(PLACES[where] ?? ["—"]));
        const validUntil = travelDocValidUntil(documents);
        const risk =
          country === origin
            ? random.weighted([
                ["HIGH", 3],
                ["ELEVATED", 2],
              ] as const)
            : ["KZ", "AM", "KG", "UZ"].includes(country)
              ? random.weighted([
                  ["HIGH", 3],
                  ["CRITICAL", 1],
                ] as const)
              : ["FR", "DE"].includes(country)
                ? "LOW"
                : "ELEVATED";
        t.add(
          "cases",
          line(
            id,
            code,
            target,
            last.at,
            closed ? reached : null,
            closed ? random.pick(["SETTLED", "LOST_CONTACT", "WITHDREW", "DEPORTED"] as const) : null,
            closed ? last.at : null,
            random.weighted([
              ["AGE_18_24", 3],
              ["AGE_25_34", 4],
              ["AGE_35_44", 2],
              ["AGE_45_PLUS", 1],
            ] as const),
            random.weighted([
              ["MOBILISED", 4],
              ["CONTRACT", 3],
              ["CONSCRIPT", 2],
              ["OFFICER", 1],
              ["RESERVIST", 1],
            ] as const),
            random.weighted([
              [1, 7],
              [2, 2],
              [3, 1],
            ] as const),
            random.weighted([
              ["ru", 8],
              ["en", 1],
              ["uk", 1],
            ] as const),
            risk,
            country,
            city(country),
            random.weighted([
              ["NONE_KNOWN", 5],
              ["SUSPECTED", 3],
              ["OPENED", 2],
            ] as const),
            random.next() < 0.15,
            false,
            false,
            key.seal(caseFieldContext.contactChannel(id), `Signal @load_${code.slice(3, 7).toLowerCase()}`),
            wrapped,
            validUntil ? dateOnly(validUntil) : null,
            openDue.length ? dateOnly(new Date(Math.min(...openDue))) : null,
            upcoming.length ? dateOnly(new Date(Math.min(...upcoming.map((d) => d.getTime())))) : null,
            depth >= 2 ? "VERIFIED" : target === "VERIFYING" ? random.pick(["NONE", "ONE_SIGN_OFF", "CONCERNS"] as const) : "NONE",
            assignee,
            worker.id,
            createdAt,
            updatedAt,
            changes.length,
          ),
        );
        movements.forEach((m) => {
          const row = movementRow(key, { country: m.country, placeCity: city(m.country), arrivedOn: m.arrived, leftOn: m.left });
          t.add(
            "movements",
            line(
              row.id,
              id,
              row.country,
              row.placeCity,
              row.placeOtherEnc,
              row.arrivedEnc,
              row.arrivedWeek,
              row.leftEnc,
              row.leftWeek,
              worker.id,
              m.arrived ?? createdAt,
            ),
          );
        });
        documents.forEach((d) => {
          const row = documentRow(key, d);
          t.add("case_documents", line(id, row.type, row.state, row.expiresEnc, row.expiresMonth, createdAt));
        });
        applications.forEach((a) => {
          const office = random.pick([
            ["KZ", "Almaty"],
            ["AM", "Yerevan"],
            ["GE", "Tbilisi"],
            ["TR", "Istanbul"],
            ["RS", "Belgrade"],
          ] as const);
          const row = applicationRow(key, {
            type: a.destination === "FR" ? "HUMANITARIAN_VISA" : "VISA",
            destinationCountry: a.destination,
            officeCity: listedCityNamed(office[0], office[1]),
            status: a.status as ApplicationStatus,
            submittedOn: a.submitted,
            appointmentAt: a.appointment,
            decisionOn: a.decision,
          });
          t.add(
            "applications",
            line(
              row.id,
              id,
              row.type,
              row.destinationCountry,
              row.officeCityKey,
              row.officeOtherEnc,
              row.status,
              row.submittedEnc,
              row.appointmentEnc,
              row.appointmentOn,
              row.decisionEnc,
              a.submitted ?? createdAt,
              updatedAt,
            ),
          );
        });
        steps.forEach((s) => {
          const row = nextStepRow(key, { text: s.text });
          t.add("next_steps", line(row.id, id, row.textEnc, worker.id, dateOnly(s.due), s.done, worker.id, createdAt));
        });
        // Each change ends the stay that the one before it began (the database trigger would look it up).
        changes.forEach((c, i) => t.add("case_status_changes", line(id, c.from, c.to, c.at, i > 0 ? changes[i - 1]!.at : null, worker.id)));
        for (let i = random.int(1, 3); i > 0; i -= 1) {
          const noteId = randomUUID();
          t.add(
            "notes",
            line(
              noteId,
              id,
              key.seal(caseFieldContext.noteBody(noteId), random.pick(NOTE_TEXTS)),
              worker.id,
              new Date(createdAt.getTime() + i * DAY),
            ),
          );
        }
        // About ten timeline events per case.
        const events: Array<[string, Date, Record<string, string>]> = [
          ["CASE_CREATED", createdAt, { country: origin }],
          ["DOCUMENT_UPDATED", new Date(createdAt.getTime() + 3_600_000), {}],
        ];
        changes.slice(1).forEach((c) => events.push(["STATUS_CHANGED", c.at, { from: c.from ?? "", to: c.to }]));
        movements
          .slice(1)
          .forEach((m, i) => events.push(["LOCATION_CHANGED", m.arrived ?? createdAt, { from: movements[i]!.country, to: m.country }]));
        while (events.length < 10)
          events.push([
            random.pick(["NOTE_ADDED", "NEXT_STEP_ADDED", "NEXT_STEP_DONE", "PROFILE_UPDATED"] as const),
            new Date(random.int(createdAt.getTime(), updatedAt.getTime())),
            {},
          ]);
        events.forEach(([type, at, detail]) =>
          t.add("case_events", line(id, type, worker.id, at, key.sealJson(caseFieldContext.eventDetail(id), detail))),
        );

        // Audit: the case's creation and a read, as appendCaseAudit writes them (no case named, a
        // link per entry); the chain is computed here, in id order.
        for (const [action, at] of [
          ["case.created", createdAt],
          ["case.read", updatedAt],
        ] as const) {
          const entry = { id: auditId, at, actorId: worker.id, action, targetType: "case", targetId: null, meta: {}, prevHash };
          const hash = entryHash(entry);
          t.add("audit_log", line(auditId.toString(), at, worker.id, action, "case", null, "{}", prevHash, hash));
          t.add("case_audit_links", line(id, auditId.toString()));
          prevHash = hash;
          auditId += 1n;
        }
      }

      await client.query("BEGIN");
      for (const table of Object.keys(COLUMNS)) await copy(client, table, t.data[table] ?? []);
      await client.query(
        `INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET last_id = EXCLUDED.last_id, last_hash = EXCLUDED.last_hash`,
        [(auditId - 1n).toString(), prevHash],
      );
      await client.query("COMMIT");
      rows += t.rows;
      options.onProgress?.(start + count, options.cases);
    }
    // Keep the sequence ahead of the ids used, so later appends continue the chain.
    await client.query(`SELECT setval(pg_get_serial_sequence('audit_log','id'), $1)`, [(auditId - 1n).toString()]);
    await client.query("ANALYZE");
    return {
      cases: options.cases,
      rows,
      caseworkers: caseworkers.map((c) => ({ email: c.email })),
      coordinator: coordinator.email,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    client.release();
    await pool.end();
  }
}

/** The password of every generated account (load data only, never production). */
export const LOAD_PASSWORD = "load-data-only-password";
