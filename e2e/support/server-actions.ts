import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { discoverPages, fillRoute } from "./app-routes";

/**
 * Calling server actions over HTTP the way an attacker can: any action id from the build, any
 * arguments, any session cookie. The browser's own client does exactly this (POST to a page with a
 * `Next-Action` header and a body encoded by React's `encodeReply`), so nothing here is a back door.
 */

const require = createRequire(import.meta.url);
const { encodeReply } = require("next/dist/compiled/react-server-dom-turbopack/client.node.js") as {
  encodeReply: (value: unknown) => Promise<string | FormData>;
};

const MANIFEST = path.resolve(".next/server/server-reference-manifest.json");

export interface ManifestAction {
  id: string;
  /** Source file, e.g. `app/(app)/admin/users/actions.ts`. */
  filename: string;
  exportedName: string;
  /** Pages whose bundle holds the action, e.g. `app/(app)/admin/users/page`. */
  workers: string[];
}

/** Every server action of the production build (`next build` writes the manifest). */
export function manifestActions(): ManifestAction[] {
  if (!existsSync(MANIFEST)) {
    throw new Error(`${MANIFEST} is missing: run the end-to-end tests through \`npm run test:e2e\`, which builds the app first`);
  }
  const manifest = JSON.parse(readFileSync(MANIFEST, "utf8")) as {
    node?: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
    edge?: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  return [...Object.entries(manifest.node ?? {}), ...Object.entries(manifest.edge ?? {})].map(([id, entry]) => ({
    id,
    filename: entry.filename,
    exportedName: entry.exportedName,
    workers: Object.keys(entry.workers).sort(),
  }));
}

export function findAction(filename: string, exportedName: string): ManifestAction {
  const found = manifestActions().find((a) => a.filename === filename && a.exportedName === exportedName);
  if (!found) throw new Error(`server action ${filename}#${exportedName} is not in the build's manifest`);
  return found;
}

/** `app/(app)/admin/users/page` → `/admin/users` pattern (dynamic segments left as `[name]`). */
export function workerRoute(worker: string): string {
  const segments = worker
    .replace(/^app\//, "")
    .replace(/(^|\/)page$/, "")
    .split("/")
    .filter(Boolean);
  return `/${segments.filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith("@")).join("/")}`;
}

/**
 * The URL to POST an action to: the first page whose bundle holds it, its dynamic segments filled
 * from `values` (e.g. `{ code, token }`).
 */
export function actionPagePath(action: ManifestAction, values: Record<string, string>): string {
  const pages = discoverPages();
  const route = action.workers.map(workerRoute).find((r) => pages.includes(r)) ?? workerRoute(action.workers[0]!);
  return fillRoute(route, values);
}

export interface ActionOutcome {
  /** HTTP status of the response. */
  httpStatus: number;
  /** Where the action redirected to (x-action-redirect header or a 303), or null. */
  redirect: string | null;
  /** The action's return value as found in the RSC stream, or undefined. */
  result: unknown;
  body: string;
}

/** Row tags whose row is length-prefixed (`<id>:T<hex byte length>,<bytes>`) instead of ending at a newline. */
const LENGTH_PREFIXED_TAGS = new Set("TAOoUSsLlGgMmV".split(""));

/**
 * The rows of a React Server Components stream, by id: `<hex id>:<tag?><json>\n`, or for long text
 * (and binary) `<hex id>:T<hex length>,<that many bytes>` with no newline.
 */
export function flightRows(body: string): Map<string, { tag: string; text: string }> {
  const bytes = Buffer.from(body, "utf8");
  const rows = new Map<string, { tag: string; text: string }>();
  let i = 0;
  while (i < bytes.length) {
    const colon = bytes.indexOf(0x3a, i);
    if (colon < 0) break;
    const id = bytes.toString("latin1", i, colon);
    if (!/^[0-9a-f]+$/.test(id)) {
      // Not a row (an HTML page or a plain-text refusal): skip to the next line.
      const newline = bytes.indexOf(0x0a, i);
      if (newline < 0) break;
      i = newline + 1;
      continue;
    }
    const tag = String.fromCharCode(bytes[colon + 1] ?? 0);
    if (LENGTH_PREFIXED_TAGS.has(tag)) {
      const comma = bytes.indexOf(0x2c, colon + 2);
      const length = parseInt(bytes.toString("latin1", colon + 2, comma), 16);
      if (comma < 0 || Number.isNaN(length)) break;
      if (!rows.has(id)) rows.set(id, { tag, text: bytes.toString("utf8", comma + 1, comma + 1 + length) });
      i = comma + 1 + length;
    } else {
      const newline = bytes.indexOf(0x0a, colon);
      const end = newline < 0 ? bytes.length : newline;
      const json = /[A-Z#rx]/.test(tag) ? colon + 2 : colon + 1;
      if (!rows.has(id)) rows.set(id, { tag: json === colon + 2 ? tag : "", text: bytes.toString("utf8", json, end) });
      i = end + 1;
    }
  }
  return rows;
}

/** The value the action returned, read from the RSC stream (`0:{"a":"$@1",...}` then `1:{...}`), references resolved. */
function readActionResult(body: string): unknown {
  const rows = flightRows(body);
  const parse = (text: string | undefined): unknown => {
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  };
  const resolve = (value: unknown, depth: number): unknown => {
    if (depth > 20) return value;
    if (typeof value === "string") {
      const reference = /^\$@?([0-9a-f]+)$/.exec(value);
      if (reference) {
        const row = rows.get(reference[1]!);
        if (!row) return value;
        return row.tag === "T" ? row.text : row.tag === "" ? resolve(parse(row.text), depth + 1) : value;
      }
      return value.startsWith("$$") ? value.slice(1) : value;
    }
    if (Array.isArray(value)) return value.map((v) => resolve(v, depth + 1));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, depth + 1)]));
    return value;
  };
  const root = parse(rows.get("0")?.text) as { a?: unknown } | undefined;
  return root && typeof root === "object" && "a" in root ? resolve(root.a, 0) : undefined;
}

/** The arguments as the browser's client sends them: a string (JSON) or FormData (multipart). */
export async function encodeActionArgs(args: unknown[]): Promise<string | FormData> {
  return encodeReply(args);
}

interface ActionTarget {
  id: string;
  /** A page whose bundle holds the action. */
  path: string;
  /** The Origin header to send; null sends none (a hand-made request, or a very old browser). */
  origin: string | null;
  /** More headers (they win over the defaults). */
  headers?: Record<string, string>;
}

/**
 * POSTs a server action. `path` is a page that uses it; `args` are the action's arguments (for a
 * `(previousState, formData)` action: `[null, formData]`).
 */
export async function callServerAction(client: APIRequestContext, input: ActionTarget & { args: unknown[] }): Promise<ActionOutcome> {
  return postServerAction(client, { ...input, body: await encodeReply(input.args) });
}

/**
 * POSTs a server action with a body made by hand: what React's `encodeReply` makes (a string or
 * FormData), or any bytes at all with the content type given in `headers`.
 */
export async function postServerAction(
  client: APIRequestContext,
  input: ActionTarget & { body: string | Buffer | FormData },
): Promise<ActionOutcome> {
  const headers: Record<string, string> = { "Next-Action": input.id, Accept: "text/x-component" };
  if (input.origin !== null) headers["Origin"] = input.origin;
  const { body } = input;
  const response = await client.post(input.path, {
    maxRedirects: 0,
    headers: { ...headers, ...input.headers },
    ...(body instanceof FormData ? { multipart: body } : { data: body }),
  });
  return outcomeOf(response.status(), response.headers(), await response.text());
}

function outcomeOf(status: number, headers: Record<string, string>, text: string): ActionOutcome {
  const redirect = headers["x-action-redirect"]?.split(";")[0] ?? (status === 303 ? (headers["location"] ?? null) : null);
  return { httpStatus: status, redirect, result: readActionResult(text), body: text };
}

/** A form as the browser would send it. */
export function formData(fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return form;
}

/** The redirect the data-access layer's guard sends: to /login, possibly saying why the session ended. */
const GUARD_LOGIN_REDIRECT = /^(https?:\/\/[^/]+)?\/login(\?ended=[a-z]+)?$/;

export type Refusal = "401" | "403" | "login-redirect";

/** Why the call was refused for lack of authentication or permission, or null when it was not. */
export function refusalOf(outcome: ActionOutcome): Refusal | null {
  const result = outcome.result as { ok?: unknown; status?: unknown } | undefined;
  if (result && result.ok === false && result.status === 401) return "401";
  if (result && result.ok === false && result.status === 403) return "403";
  if (outcome.redirect && GUARD_LOGIN_REDIRECT.test(outcome.redirect)) return "login-redirect";
  return null;
}

/** A one-line description of an outcome for assertion messages. */
export function describeOutcome(outcome: ActionOutcome): string {
  const result = outcome.result === undefined ? "(no result)" : JSON.stringify(outcome.result).slice(0, 200);
  return `HTTP ${outcome.httpStatus}${outcome.redirect ? ` → ${outcome.redirect}` : ""} ${result}`;
}
