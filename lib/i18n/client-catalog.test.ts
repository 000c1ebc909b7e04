import { readFileSync } from "node:fs";
import path from "node:path";
import type { AbstractIntlMessages } from "next-intl";
import { describe, expect, test } from "vitest";
import { CLIENT_KEYS_FILE, scanClientKeys } from "@/lib/testing/client-keys";
import { clientPart } from "./client-catalog";
import en from "./messages/en.json";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("client components get the keys they use, and only those", () => {
  test(`${CLIENT_KEYS_FILE} is what the sources ask for (else run npm run i18n:client-keys)`, { timeout: 60_000 }, () => {
    const { keys, prefixes } = scanClientKeys(ROOT);
    expect(JSON.parse(readFileSync(path.join(ROOT, CLIENT_KEYS_FILE), "utf8"))).toEqual({ keys, prefixes });
  });

  test("a namespace's client part keeps the keys client code names, its prefixes and groups, and drops the rest", () => {
    const part = clientPart(en as unknown as AbstractIntlMessages) as unknown as typeof en;
    // casePage.statusHint is shown by the status form (a client component); casePage.created only by the server-rendered header.
    expect(part.casePage.statusHint).toBe(en.casePage.statusHint);
    expect(part.casePage).not.toHaveProperty("created");
    // A template names a prefix: every status, with its plural and select forms untouched.
    expect(part.case.status).toEqual(en.case.status);
    // A namespace no client component reads is not sent at all (refusals are worded on the server, ADR 035).
    expect(Object.keys(en).filter((ns) => !(ns in part))).toContain("errors");
    expect(JSON.stringify(part).length).toBeLessThan(JSON.stringify(en).length / 2);
  });

  test("a compiled message (an array at build time, ADR 032) is a message, not a group", () => {
    const compiled = ["Status: ", ["status", 1]];
    expect(clientPart({ casePage: { statusHint: compiled, created: ["Created"] } } as unknown as AbstractIntlMessages)).toEqual({
      casePage: { statusHint: compiled },
    });
  });
});
