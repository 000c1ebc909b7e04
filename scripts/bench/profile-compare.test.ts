import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { APP_CODE, ownerOf } from "./profile";
import { compareProfiles, kindOf } from "./profile-compare";
import type { Row } from "./runner";

/**
 * A profile of four functions from different owners; samples 1 ms apart from t = 1,000,000 µs:
 * 2 ms in React's page runtime, then 3 ms in Prisma, then 1 ms idle, then 4 ms in the app's code.
 */
function profileFile(start: number): string {
  const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0, columnNumber: 0 });
  const nodes = [
    { id: 1, callFrame: frame("(root)", ""), children: [2, 3, 4, 5] },
    { id: 2, callFrame: frame("render", "file:///x/node_modules/next/dist/compiled/next-server/app-page-turbo.runtime.prod.js") },
    { id: 3, callFrame: frame("compile", "file:///x/node_modules/@prisma/client/runtime/client.js") },
    { id: 4, callFrame: frame("(idle)", "") },
    { id: 5, callFrame: frame("listCases", "file:///x/lib/cases/queries.ts") },
  ];
  const samples = [2, 2, 3, 3, 3, 4, 5, 5, 5, 5];
  const dir = mkdtempSync(path.join(os.tmpdir(), "profile-"));
  const file = path.join(dir, "p.cpuprofile");
  writeFileSync(file, JSON.stringify({ nodes, samples, timeDeltas: samples.map(() => 1000), startTime: start, endTime: start + 10_000 }));
  return file;
}

const row = (app: [number, number], reference: [number, number], requests = 1): Row =>
  ({
    scenario: "Case list",
    name: "list",
    connections: 1,
    requests,
    p50: 10,
    windows: { app, reference },
    reference: { page: "/table", requests: 1, p50: 5 },
  }) as Row;

describe("where the extra CPU goes", () => {
  test("owners fall into framework, runtime, libraries and the app", () => {
    expect(kindOf(ownerOf("node_modules/next/dist/compiled/next-server/app-page-turbo.runtime.prod.js"))).toBe("framework");
    expect(kindOf(ownerOf("node:internal/streams/writable"))).toBe("runtime");
    expect(kindOf("(garbage collector)")).toBe("runtime");
    expect(kindOf(ownerOf("node_modules/@prisma/client/runtime/client.js"))).toBe("libraries");
    expect(kindOf(ownerOf("node_modules/next-intl/dist/index.js"))).toBe("libraries");
    expect(ownerOf("lib/cases/queries.ts")).toBe(APP_CODE);
    expect(kindOf(APP_CODE)).toBe("app");
  });

  test("only the samples inside a measurement's window count, per request, idle left out", () => {
    const file = profileFile(1_000_000);
    // Samples land at 1,001,000 … 1,010,000 µs. The app's window holds samples 3 to 10, the reference's 1 and 2.
    const [p] = compareProfiles([row([1_002_500, 1_010_000], [1_000_000, 1_002_000], 2)], [file], [file]);
    const cost = (owner: string) => p!.owners.find((o) => o.owner.startsWith(owner))!;
    // Ours: 3 ms of Prisma and 4 ms of app code over 2 requests; the reference: 2 ms of React over 1.
    expect(cost("Prisma")).toMatchObject({ ours: 1.5, reference: 0 });
    expect(cost(APP_CODE)).toMatchObject({ ours: 2, reference: 0 });
    expect(cost("Next.js + React")).toMatchObject({ ours: 0, reference: 2 });
    expect(p!.owners.some((o) => o.owner === "(idle)")).toBe(false);
    expect(p!.ours).toBe(3.5);
    expect(p!.reference).toBe(2);
    expect(p!.kinds).toEqual([
      { kind: "framework", ours: 0, reference: 2 },
      { kind: "runtime", ours: 0, reference: 0 },
      { kind: "libraries", ours: 1.5, reference: 0 },
      { kind: "app", ours: 2, reference: 0 },
    ]);
    // Sorted by how much more we spend than the reference.
    expect(p!.owners[0]!.owner).toBe(APP_CODE);
    // The same by function (name and place), with its owner, largest extra first.
    expect(p!.functions.map((f) => [f.label.split(" ")[0], f.owner, f.ours, f.reference])).toEqual([
      ["listCases", APP_CODE, 2, 0],
      ["compile", expect.stringMatching(/^Prisma/), 1.5, 0],
      ["render", expect.stringMatching(/^Next\.js \+ React/), 0, 2],
    ]);
  });
});
