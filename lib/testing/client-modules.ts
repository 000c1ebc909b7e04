import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/**
 * The app's module graph as far as the browser is concerned, read from the sources (import
 * specifiers only): which files are client code. A file is client code when it says "use client" or
 * a client file imports it; a "use server" module is not (client code that imports it gets
 * references to its actions, none of its imports).
 */

export function resolveImport(root: string, from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(root, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.tsx`, `${base}.ts`, path.join(base, "index.tsx"), path.join(base, "index.ts")]) {
    if (existsSync(candidate) && statSync(candidate).isFile() && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null;
}

/** The app's own files `file` imports or re-exports (absolute paths); `import type` brings no code and is skipped. */
export function localImports(root: string, file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(/^\s*(?:import|export)\s+(type\s+)?[^;]*?\bfrom\s+"([^"]+)"/gm)]
    .filter((m) => m[1] === undefined)
    .map((m) => resolveImport(root, file, m[2]!))
    .filter((f): f is string => f !== null);
}

export const isClient = (file: string) => /^\s*["']use client["']/.test(readFileSync(file, "utf8"));
export const isServerActions = (file: string) => /^\s*["']use server["']/.test(readFileSync(file, "utf8"));

/** Every file that runs in the browser: the "use client" files among `files` and what they import, transitively. */
export function clientModules(root: string, files: readonly string[]): string[] {
  const found = new Set<string>();
  const visit = (file: string) => {
    if (found.has(file) || isServerActions(file)) return;
    found.add(file);
    for (const imported of localImports(root, file)) visit(imported);
  };
  for (const file of files) if (isClient(file)) visit(file);
  return [...found].sort();
}
