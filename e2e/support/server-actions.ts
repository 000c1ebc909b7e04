import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

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
  const segments = worker.replace(/^app\//, "").replace(/(^|\/)page$/, "").split("/").filter(Boolean);
  return `/${segments.filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith("@")).join("/")}`;
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

/** The value the action returned, read from the RSC stream (`0:{"a":"$@1",...}` then `1:{...}`). */
function readActionResult(body: string): unknown {
  const rows = new Map<string, string>();
  for (const line of body.split("\n")) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined && !rows.has(match[1])) rows.set(match[1], match[2]);
  }
  const parse = (text: string | undefined): unknown => {
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  };
  const root = parse(rows.get("0")) as { a?: unknown } | undefined;
  const value = root?.a;
  if (typeof value === "string" && value.startsWith("$@")) return parse(rows.get(value.slice(2)));
  return value;
}

/**
 * POSTs a server action. `path` is a page that uses it; `args` are the action's arguments (for a
 * `(previousState, formData)` action: `[null, formData]`).
 */
export async function callServerAction(
  client: APIRequestContext,
  input: { id: string; path: string; args: unknown[]; origin: string },
): Promise<ActionOutcome> {
  const body = await encodeReply(input.args);
  const response = await client.post(input.path, {
    maxRedirects: 0,
    headers: { "Next-Action": input.id, Origin: input.origin, Accept: "text/x-component" },
    ...(typeof body === "string" ? { data: body } : { multipart: body }),
  });
  const text = await response.text();
  const headers = response.headers();
  const redirect = headers["x-action-redirect"]?.split(";")[0] ?? (response.status() === 303 ? (headers["location"] ?? null) : null);
  return { httpStatus: response.status(), redirect, result: readActionResult(text), body: text };
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
