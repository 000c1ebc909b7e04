import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { isClient, isServerActions, localImports } from "@/lib/testing/client-modules";
import { BASE_CLIENT_NAMESPACES } from "./client-messages";

/**
 * Every page hands its client components the message namespaces they use (ClientMessages). A
 * namespace missing from that list shows message keys instead of text, only in the browser; this
 * test finds it from the source: for each page, the client components it imports (directly or
 * through server components), the namespaces they ask for, against the page's list.
 */

const ROOT = process.cwd();

/** Components and pages a file imports (lib/ is not where client components live). */
const componentImports = (file: string) => localImports(ROOT, file).filter((f) => /\/(components|app)\//.test(f));

const namespacesIn = (file: string) =>
  [...readFileSync(file, "utf8").matchAll(/useTranslations\(\s*"([a-zA-Z]+)(?:\.[a-zA-Z.]+)?"\s*\)/g)].map((m) => m[1]!);
const usesRootNamespace = (file: string) => /useTranslations\(\s*\)/.test(readFileSync(file, "utf8"));

/** Namespaces the client components reachable from `file` use (a file imported by a client file is client code too). */
function clientNamespaces(file: string, inClient = false, seen = new Set<string>()): Set<string> {
  const key = `${file}:${inClient}`;
  const found = new Set<string>();
  if (seen.has(key) || isServerActions(file)) return found;
  seen.add(key);
  const client = inClient || isClient(file);
  if (client) {
    for (const ns of namespacesIn(file)) found.add(ns);
    if (usesRootNamespace(file)) found.add("*");
  }
  for (const imported of componentImports(file)) for (const ns of clientNamespaces(imported, client, seen)) found.add(ns);
  return found;
}

function pagesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return pagesUnder(full);
    return /^(page|layout|error|not-found)\.tsx$/.test(entry.name) ? [full] : [];
  });
}

function declaredNamespaces(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(/<ClientMessages\s+namespaces=\{\[([^\]]*)\]\}/g)].flatMap((m) =>
    [...m[1]!.matchAll(/"([a-zA-Z]+)"/g)].map((n) => n[1]!),
  );
}

/** Namespaces declared by the file and by the server components it renders (a shell may wrap its own client parts). */
function declaredInServerTree(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file) || isClient(file)) return [];
  seen.add(file);
  return [...declaredNamespaces(file), ...componentImports(file).flatMap((imported) => declaredInServerTree(imported, seen))];
}

describe("client components get the messages they use", () => {
  const pages = pagesUnder(path.join(ROOT, "app"));

  test("the scan finds the pages and their client components", () => {
    expect(pages.length).toBeGreaterThan(10);
    const casePage = pages.find((p) => p.endsWith(path.join("cases", "[code]", "page.tsx")))!;
    expect([...clientNamespaces(casePage)]).toEqual(expect.arrayContaining(["casePage", "vetting", "common"]));
  });

  test.each(pages.map((p) => [path.relative(ROOT, p), p]))("%s", (_name, file) => {
    const needed = [...clientNamespaces(file)];
    expect(needed, "a client component uses useTranslations() without a namespace: name it, so pages can pick its messages").not.toContain(
      "*",
    );
    // The root error boundary renders inside the root layout's ClientMessages, not a page's.
    const boundary =
      path.relative(ROOT, file) === path.join("app", "error.tsx") ? declaredNamespaces(path.join(ROOT, "app", "layout.tsx")) : [];
    const provided = new Set<string>([...BASE_CLIENT_NAMESPACES, ...declaredInServerTree(file), ...boundary]);
    const missing = needed.filter((ns) => !provided.has(ns));
    expect(missing, `add these to the page's <ClientMessages namespaces={[...]}>`).toEqual([]);
  });
});
