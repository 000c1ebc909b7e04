import { describe, expect, test } from "vitest";
import { scanErrorCodes, scanKeyUsage } from "./i18n-usage";

const component = `
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";

export function A({ kind, code }: { kind: string; code: string }) {
  const t = useTranslations("alpha");
  const tc = useTranslations("case");
  return [t("title"), t.rich("body", {}), t(\`kind.\${kind}\`), tc(ok ? "yes" : "no"), t(code)];
}

export async function B() {
  const [data, t, tNav] = await Promise.all([load(), getTranslations("beta"), getTranslations({ namespace: "nav" })]);
  const inline = (await getTranslations("gamma"))("title");
  return [t("title"), tNav("home"), t.has("maybe")];
}

export async function C() {
  const t = await getTranslations();
  return t("root.key");
}
`;

describe("scanKeyUsage", () => {
  const usage = scanKeyUsage([{ path: "components/x.tsx", text: component }]);
  const uses = usage.uses.map((u) =>
    u.kind === "exact" ? u.key : u.kind === "prefix" ? `${u.prefix}*` : `${u.namespace}:${u.expression}`,
  );

  test("resolves each translator in its own scope, from hooks, Promise.all and inline calls", () => {
    expect(uses).toEqual(
      expect.arrayContaining([
        "alpha.title",
        "alpha.body",
        "case.yes",
        "case.no",
        "beta.title",
        "nav.home",
        "beta.maybe",
        "gamma.title",
        "root.key",
      ]),
    );
    expect(uses).not.toContain("alpha.home");
  });

  test("a parameter typed with a translator alias, declared in another file, is that namespace's translator", () => {
    const found = scanKeyUsage([
      { path: "components/a.tsx", text: `export type DeltaMessages = ReturnType<typeof useTranslations<"delta">>;` },
      { path: "components/b.tsx", text: `export function label(t: DeltaMessages, x: Other) { return [t("title"), x("nope")]; }` },
    ]).uses.map((u) => (u.kind === "exact" ? u.key : u.kind));
    expect(found).toEqual(["delta.title"]);
  });

  test("a parameter typed with a translator's type written out is that namespace's translator", () => {
    const found = scanKeyUsage([
      { path: "components/c.tsx", text: `function refusal(t: ReturnType<typeof useTranslations<"login">>) { return t("invalid"); }` },
    ]).uses.map((u) => (u.kind === "exact" ? u.key : u.kind));
    expect(found).toEqual(["login.invalid"]);
  });

  test("a template literal covers the keys under its static start; any other expression is a dynamic lookup", () => {
    expect(uses).toContain("alpha.kind.*");
    expect(uses).toContain("alpha:code");
  });

  test("keys and namespaces are not evidence, other literals are", () => {
    expect(usage.literals.has("title")).toBe(false);
    expect(usage.literals.has("beta")).toBe(false);
    expect(usage.literals.has("next-intl")).toBe(false);
    expect(
      scanKeyUsage([{ path: "lib/y.ts", text: 'const codes = ["email_taken"]; const p = `password_${x}`;' }]).literals.has("email_taken"),
    ).toBe(true);
  });

  test("a namespace that is not written literally is reported", () => {
    const { problems } = scanKeyUsage([{ path: "components/z.tsx", text: "const t = useTranslations(ns);" }]);
    expect(problems).toHaveLength(1);
  });
});

describe("scanErrorCodes", () => {
  test("finds domain error codes, InvalidInputError field codes and zod messages", () => {
    const codes = scanErrorCodes([
      {
        path: "lib/x.ts",
        text: `
          throw new ConflictError("email_taken");
          throw new InvalidInputError("weak_password", { password: ["password_common"] });
          const S = z.string().min(1, { error: "required" }).refine(f, { path: ["a"], message: "invalid_date" });
          return { error: "not_an_issue" };
        `,
      },
    ]);
    expect([...codes.errors.keys()].sort()).toEqual(["email_taken", "weak_password"]);
    expect([...codes.fieldErrors.keys()].sort()).toEqual(["invalid_date", "password_common", "required"]);
  });
});
