import { createTranslator } from "next-intl";
import { describe, expect, test, vi } from "vitest";
import { z } from "zod";
import en from "@/lib/i18n/messages/en.json";
import { anyone, buttonAction, formAction, formObject, leavingAction } from "./action";
import { InvalidInputError, NotFoundError, UnauthenticatedError } from "./index";

// The request's translator, as next-intl's request configuration gives it to server code (English).
vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace: string) => createTranslator({ locale: "en", messages: en, namespace: namespace as never }),
}));

// Anyone can call a server action over HTTP with any arguments React's reply encoding carries.
const NOT_FORMS: unknown[] = [
  undefined,
  null,
  "locale=en",
  42,
  true,
  10n,
  new Date(0),
  ["locale", "en"],
  { locale: "en" },
  new Map([["locale", "en"]]),
  new Set(["en"]),
];

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const one of [value].flat()) data.append(key, one);
  return data;
}

const Schema = z.object({ name: z.string().min(3, { error: "too_short" }), password: z.string(), pin: z.string().optional() });

/** An action whose work fails with an error nobody mapped, whose text must not reach the caller. */
function brokenAction() {
  return formAction({
    actor: anyone,
    schema: Schema,
    run: async () => {
      throw new Error("secret detail");
    },
  });
}

describe("formObject", () => {
  test("a FormData is read into a plain object, repeated keys as arrays, React's own keys dropped", () => {
    expect(formObject(form({ locale: "en", cases: ["a", "b"], $ACTION_ID_x: "" }))).toEqual({ locale: "en", cases: ["a", "b"] });
  });

  test("anything but a FormData is invalid input, not an internal error", () => {
    for (const value of NOT_FORMS) expect(() => formObject(value), String(value)).toThrow(InvalidInputError);
  });
});

describe("formAction", () => {
  const echo = formAction({ actor: anyone, schema: Schema, secret: ["pin"], run: async (input) => ({ name: input.name }) });

  test("a valid form runs the work and hands back its result", async () => {
    expect(await echo(null, form({ name: "Aster", password: "p" }))).toEqual({ ok: true, data: { name: "Aster" } });
  });

  test("work without a result answers ok with no data", async () => {
    const quiet = formAction({ actor: anyone, schema: Schema, run: async () => undefined });
    expect(await quiet(null, form({ name: "Aster", password: "p" }))).toEqual({ ok: true });
  });

  test("a refused form gets its field errors and what was typed, never a password, token, activation code or declared secret", async () => {
    const typed = { name: "Al", password: "hunter2", pin: "123456", token: "t", activationCode: "A-B", note: ["x", "y"] };
    expect(await echo(null, form(typed))).toEqual({
      ok: false,
      status: 422,
      error: "invalid_input",
      fieldErrors: { name: ["too_short"] },
      values: { name: "Al", note: "x,y" },
      // Worded on the server: pages no longer carry the catalog of error messages.
      words: { message: "Some fields need attention.", fields: { name: "This value is not valid." } },
    });
  });

  test("a refusal's words are the reader's: the screening's identifier kinds, an internal error's reference", async () => {
    const screened = formAction({
      actor: anyone,
      schema: Schema,
      run: async () => {
        throw new InvalidInputError("invalid_input", { note: ["identifier:phone,email,unknown"], name: ["required"] });
      },
    });
    expect(await screened(null, form({ name: "Aster", password: "p" }))).toMatchObject({
      words: {
        fields: {
          note: "Remove identifying details: a phone number, an e-mail address. Waypoint must not store them.",
          name: "This field is required.",
        },
      },
    });
    const broken = brokenAction();
    const result = await broken(null, form({ name: "Aster", password: "p" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.words).toEqual({ message: "Something went wrong. Try again.", reference: `Reference: ${result.requestId}` });
  });

  test("anything but a FormData is invalid input, with nothing handed back", async () => {
    for (const value of NOT_FORMS) {
      expect(await echo(null, value as FormData), String(value)).toEqual({
        ok: false,
        status: 422,
        error: "invalid_input",
        fieldErrors: {},
        words: { message: "Some fields need attention." },
      });
    }
  });

  test("the caller is checked before the input is read: a refused caller gets the same answer whatever it sends", async () => {
    const guarded = formAction({
      actor: async () => {
        throw new UnauthenticatedError();
      },
      schema: Schema,
      run: async () => {
        throw new Error("the work must not run");
      },
    });
    for (const sent of [form({ name: "Aster", password: "p" }), form({}), "not a form"]) {
      expect(await guarded(null, sent as FormData)).toMatchObject({ ok: false, status: 401, error: "unauthenticated" });
    }
  });

  test("domain errors of the work are mapped in the one place; other errors answer 500 with a reference only", async () => {
    const missing = formAction({
      actor: anyone,
      schema: Schema,
      run: async () => {
        throw new NotFoundError("case");
      },
    });
    expect(await missing(null, form({ name: "Aster", password: "p" }))).toMatchObject({ ok: false, status: 404, error: "not_found" });
    const broken = brokenAction();
    const result = await broken(null, form({ name: "Aster", password: "p" }));
    expect(result).toMatchObject({ ok: false, status: 500, error: "internal_error", requestId: expect.any(String) });
    expect(JSON.stringify(result)).not.toContain("secret detail");
  });

  test("the actor reaches the work, and `after` sees every result", async () => {
    const seen: unknown[] = [];
    const action = formAction({
      actor: async () => ({ userId: "u1" }),
      schema: Schema,
      run: async (input, actor) => `${actor.userId}:${input.name}`,
      after: async (result) => {
        seen.push(result);
        return result;
      },
    });
    await action(null, form({ name: "Aster", password: "p" }));
    await action(null, form({ name: "A", password: "p" }));
    expect(seen).toMatchObject([
      { ok: true, data: "u1:Aster" },
      { ok: false, status: 422 },
    ]);
  });

  test("Next's redirect passes through", async () => {
    const { redirect } = await import("next/navigation");
    const leaving = formAction({ actor: anyone, schema: Schema, run: async () => redirect("/somewhere") });
    await expect(leaving(null, form({ name: "Aster", password: "p" }))).rejects.toMatchObject({
      digest: expect.stringContaining("NEXT_REDIRECT"),
    });
  });
});

describe("buttonAction and leavingAction", () => {
  test("a button's action ignores what is sent and maps errors like a form's", async () => {
    const count = buttonAction({ actor: anyone, run: async () => ({ ended: 3 }) });
    expect(await count()).toEqual({ ok: true, data: { ended: 3 } });
    const refused = buttonAction({
      actor: async () => {
        throw new UnauthenticatedError();
      },
      run: async () => 1,
    });
    expect(await refused()).toMatchObject({ ok: false, status: 401 });
  });

  test("an action that leaves the page fails to the error page instead of handing back a result", async () => {
    const failing = leavingAction({
      actor: anyone,
      run: async () => {
        throw new NotFoundError("session");
      },
    });
    await expect(failing()).rejects.toThrow("not_found");
  });
});
