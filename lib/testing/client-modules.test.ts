import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { clientModules } from "./client-modules";

describe("clientModules", () => {
  const root = mkdtempSync(path.join(tmpdir(), "client-modules-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
    return path.join(root, file);
  };

  test("client files and what they import run in the browser; type imports and server actions' imports do not", () => {
    const files = [
      write(
        "components/form.tsx",
        `"use client";\nimport { label } from "./label";\nimport type { Row } from "@/lib/rows";\nimport { save } from "@/app/actions";\nexport { hint } from "./hint";`,
      ),
      write("components/label.ts", `import { words } from "@/lib/words";\nexport const label = words;`),
      write("components/hint.ts", `export const hint = "";`),
      write("lib/words.ts", `export const words = "";`),
      write("lib/rows.ts", `import { db } from "./db";\nexport type Row = typeof db;`),
      write("lib/db.ts", `export const db = {};`),
      write("app/actions.ts", `"use server";\nimport { db } from "@/lib/db";\nexport async function save() { return db; }`),
      write("app/page.tsx", `import { Form } from "@/components/form";\nexport default Form;`),
    ];
    expect(clientModules(root, files).map((f) => path.relative(root, f))).toEqual([
      "components/form.tsx",
      "components/hint.ts",
      "components/label.ts",
      "lib/words.ts",
    ]);
  });
});
