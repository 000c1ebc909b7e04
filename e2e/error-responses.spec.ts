import { db } from "@/lib/db/client";
import { createCase, createNote } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";
import { getRsc } from "./support/rsc";
import { callServerAction, findAction, formData } from "./support/server-actions";
import { readServerLog } from "./support/server-log";

/**
 * Errors shown to people never include stack traces or internals: only a generic message and a
 * reference that an administrator can find in the server's log.
 *
 * An internal error is forced without touching the app: a ciphertext moved to another record (the
 * note's onto the contact channel, or the contact's onto a note). The encryption binds each
 * ciphertext to its record and field, so decrypting it fails, as it would after tampering.
 */

/** Signs of internals: stack frames, source paths, error class names, the decryption's own message. */
const INTERNALS = [
  /\bat [\w$.<>]+ \(/,
  /\bat async\b/,
  /node_modules/,
  /\.next\/server/,
  /\.(ts|js):\d+/,
  /TypeError|RangeError|PrismaClient|DriverAdapter/,
  /unable to authenticate|Unsupported state|auth tag|decipher/i,
];

function expectNoInternals(text: string, what: string): void {
  for (const pattern of INTERNALS) expect.soft(text, `${what}: ${pattern}`).not.toMatch(pattern);
}

test.describe("internal errors show a generic message and a reference, nothing else", () => {
  test("a server action that fails inside answers internal_error with the request id as reference, and the log has the details", async ({
    httpClient,
    loginAs,
    page,
    baseURL,
  }) => {
    const caseworker = await loginAs("CASEWORKER");
    const kase = await createCase({ createdById: caseworker.id, assignedToId: caseworker.id });
    const note = await createNote({ caseId: kase.id, dataKeyWrapped: kase.dataKeyWrapped, authorId: caseworker.id, body: "A note" });
    const noteCiphertext = (await db().note.findUniqueOrThrow({ where: { id: note.id } })).bodyEnc;
    await db().case.update({ where: { id: kase.id }, data: { contactChannelEnc: noteCiphertext } });

    // Over HTTP, as the browser's client calls it.
    const client = await httpClient(caseworker.cookie);
    const reveal = findAction("app/(app)/cases/[code]/actions.ts", "revealContactAction");
    const outcome = await callServerAction(client, {
      id: reveal.id,
      path: `/cases/${kase.code}`,
      origin: baseURL!,
      args: [null, formData({ code: kase.code })],
    });
    expect(outcome.httpStatus).toBe(200);
    const result = outcome.result as { requestId?: string };
    expect(result).toEqual({
      ok: false,
      status: 500,
      error: "internal_error",
      words: { message: "Something went wrong. Try again.", reference: expect.stringMatching(/^Reference: [0-9a-f-]{36}$/) },
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      values: { code: kase.code },
    });
    expectNoInternals(outcome.body, "the action's answer");
    const log = await readServerLog();
    const logged = log.split("\n").find((line) => line.includes(result.requestId!));
    expect(logged, "the reference finds the error in the server log").toContain("unhandled error");

    // In the browser: the generic message and the reference, nothing more.
    await page.goto(`/cases/${kase.code}`);
    await page.getByRole("button", { name: "Show contact channel" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Something went wrong. Try again." });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(/Reference: [0-9a-f-]{36}/);
    expectNoInternals(await page.locator("body").innerText(), "the case page after the failure");
    await expect(page.getByTestId("contact-channel")).toHaveCount(0);
  });

  test("a page that fails while rendering shows the error page with a reference, and neither its HTML nor its RSC payload holds internals", async ({
    httpClient,
    loginAs,
    page,
  }) => {
    const caseworker = await loginAs("CASEWORKER");
    const kase = await createCase({ createdById: caseworker.id, assignedToId: caseworker.id });
    const note = await createNote({ caseId: kase.id, dataKeyWrapped: kase.dataKeyWrapped, authorId: caseworker.id, body: "A note" });
    const contactCiphertext = (await db().case.findUniqueOrThrow({ where: { id: kase.id } })).contactChannelEnc;
    await db().note.update({ where: { id: note.id }, data: { bodyEnc: contactCiphertext } });

    const client = await httpClient(caseworker.cookie);
    const html = await client.get(`/cases/${kase.code}`);
    expect(html.status()).toBe(500);
    const htmlText = await html.text();
    expectNoInternals(htmlText, "the HTML");
    expect(htmlText).not.toContain("A note");
    const rsc = await getRsc(client, `/cases/${kase.code}`);
    expectNoInternals(await rsc.text(), "the RSC payload");

    await page.goto(`/cases/${kase.code}`);
    await expect(page.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
    const text = await page.locator("main").innerText();
    const reference = /reference to an administrator: (\S+)/.exec(text)?.[1];
    expect(reference, "the error page gives a reference").toMatch(/^\d+$/);
    expectNoInternals(await page.locator("body").innerText(), "the error page");
    const log = await readServerLog();
    expect(log, "the reference (the error's digest) finds the error in the server log").toContain(reference!);
  });
});
