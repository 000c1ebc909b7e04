import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

/**
 * No module cycle inside lib/ (ADR 015): none between files; between folders (the domains:
 * lib/cases, lib/dashboard, lib/auth, ...; a file directly in lib/ counts on its own), none beyond
 * the ones listed below, which may only shrink. A cycle means two modules can only be understood, tested and moved together, and between files it
 * lets an import order bug surface at run time as an undefined binding.
 *
 * Walks the static imports of every non-test module under lib/ (`@/lib/...` and relative paths;
 * re-exports count too). `import type` and `export type` are left out: TypeScript erases them, so
 * they create no load order, and a DTO type shared both ways is not a dependency of code on code.
 * Generated Prisma code and the test harness (lib/testing, which may import anything) are not walked.
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const LIB = path.join(ROOT, "lib");

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" || full === path.join(LIB, "testing") ? [] : modules(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function resolve(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? path.join(ROOT, specifier.slice(2)) : path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (candidate.startsWith(LIB) && existsSync(candidate) && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null;
}

const IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']/gm;

export function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of modules(LIB)) {
    const text = readFileSync(file, "utf8");
    const targets = new Set<string>();
    for (const [, typeOnly, specifier] of text.matchAll(IMPORT)) {
      if (typeOnly || !specifier || !(specifier.startsWith("@/lib/") || specifier.startsWith("."))) continue;
      const target = resolve(file, specifier);
      if (target && !target.includes(`${path.sep}generated${path.sep}`)) targets.add(target);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each named by its modules in import order. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

/** The folder graph: each file becomes its folder (or itself, directly in lib/); one example import per edge. */
export function folderGraph(files: Map<string, string[]>): { graph: Map<string, string[]>; example: Map<string, string> } {
  const folderOf = (file: string) => {
    const relative = path.relative(LIB, file);
    return path.dirname(relative) === "." ? relative : path.dirname(relative);
  };
  const graph = new Map<string, string[]>();
  const example = new Map<string, string>();
  for (const [file, targets] of files) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? [];
    graph.set(from, edges);
    for (const target of targets) {
      const to = folderOf(target);
      if (to === from || edges.includes(to)) continue;
      edges.push(to);
      example.set(`${from} ${to}`, `${path.relative(LIB, file)} imports ${path.relative(LIB, target)}`);
    }
  }
  return { graph, example };
}

/** Tarjan's strongly connected components: each is a set of folders that all reach each other. */
export function stronglyConnected(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (let top = stack.pop()!; ; top = stack.pop()!) {
      component.push(top);
      if (top === node) break;
    }
    components.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components;
}

describe("lib/ import graph", () => {
  test("the walker sees a cycle when there is one", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["a"]],
    ]);
    expect(findCycles(graph)).toEqual([["a", "b", "c", "a"]]);
    expect(stronglyConnected(graph).filter((c) => c.length > 1)).toEqual([["a", "b", "c"]]);
  });

  test("the walker reads lib/ (it is not vacuously empty)", () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get(path.join(LIB, "cases", "queries.ts"))).toContain(path.join(LIB, "cases", "scope.ts"));
  });

  test("has no module cycle", () => {
    const named = findCycles(importGraph()).map((cycle) => cycle.map((file) => path.relative(ROOT, file)).join(" → "));
    expect(named).toEqual([]);
  });

  test("no folder of lib/ is on a cycle", () => {
    const { graph, example } = folderGraph(importGraph());
    const onCycles = stronglyConnected(graph).filter((component) => component.length > 1);
    // Issue 16 broke cases ↔ dashboard, crypto ↔ cases, auth ↔ i18n, auth ↔ audit (the permission
    // check is lib/access), auth ↔ crypto (key rotation is lib/key-rotation), validation ↔ i18n
    // (country codes are lib/validation), db ↔ its data migrations (the runner is lib/migrations) and
    // countries ↔ users (a request for a second person is filed in lib/approvals).
    const named = onCycles.map((component) =>
      component
        .flatMap((from) =>
          (graph.get(from) ?? []).filter((to) => component.includes(to)).map((to) => `${from} → ${to} (${example.get(`${from} ${to}`)})`),
        )
        .join("; "),
    );
    expect(named).toEqual([]);
  });
});
