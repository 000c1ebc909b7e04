import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { createCase, createUser } from "@/lib/testing/factories";
import { deliverNotificationHook, type HookPayload } from "./outbound-hook";

/**
 * The optional outbound hook against a real HTTP endpoint on loopback: off by default; when on, a
 * signed POST of whom unread notifications wait for and of which kinds, never a case; each
 * notification announced once, and again after a failed delivery.
 */

const SECRET = "a-test-secret-of-at-least-32-characters!";
const received: Array<{ body: string; signature: string | undefined }> = [];
let failNext = false;
const server = createServer((request: IncomingMessage, response) => {
  let body = "";
  request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
  request.on("end", () => {
    if (failNext) {
      failNext = false;
      response.writeHead(503).end();
      return;
    }
    received.push({ body, signature: request.headers["x-waypoint-signature"] as string | undefined });
    response.writeHead(204).end();
  });
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?token=abc`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the optional outbound hook", () => {
  test("off by default; on, it announces each unread notification once, signed, with staff e-mails and kinds only", async () => {
    const worker = await createUser({ role: "CASEWORKER" });
    const kase = await createCase({ createdById: worker.id, assignedToId: worker.id });
    await db().notification.createMany({
      data: [
        { userId: worker.id, kind: "CASE_ASSIGNED", caseId: kase.id, dedupeId: crypto.randomUUID() },
        { userId: worker.id, kind: "TASK_DUE", caseId: kase.id, dedupeId: crypto.randomUUID() },
        { userId: worker.id, kind: "TASK_DUE", caseId: kase.id, dedupeId: crypto.randomUUID() },
        { userId: worker.id, kind: "TASK_OVERDUE", caseId: kase.id, dedupeId: crypto.randomUUID(), readAt: new Date() },
      ],
    });
    expect(await deliverNotificationHook(db(), null)).toBeNull();
    expect(await db().notification.count({ where: { userId: worker.id, hookSentAt: { not: null } } })).toBe(0);

    failNext = true;
    expect(await deliverNotificationHook(db(), { url, secret: SECRET })).toEqual({ announced: 0, delivered: false });
    expect(received).toHaveLength(0);
    expect(await db().notification.count({ where: { userId: worker.id, hookSentAt: { not: null } } })).toBe(0);

    expect(await deliverNotificationHook(db(), { url, secret: SECRET })).toMatchObject({ delivered: true });
    const [sent] = received;
    expect(sent!.signature).toBe(`sha256=${createHmac("sha256", SECRET).update(sent!.body).digest("hex")}`);
    const payload = JSON.parse(sent!.body) as HookPayload;
    expect(payload.people).toContainEqual({ email: worker.email, unread: { CASE_ASSIGNED: 1, TASK_DUE: 2 } });
    expect(sent!.body).not.toContain(kase.code);
    expect(sent!.body).not.toContain(kase.id);

    expect(await deliverNotificationHook(db(), { url, secret: SECRET })).toEqual({ announced: 0, delivered: true });
    expect(received).toHaveLength(1);
  });
});
