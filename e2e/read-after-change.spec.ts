import { db } from "@/lib/db/client";
import { createCase } from "@/lib/testing/factories";
import { expect, test } from "./fixtures";

const SERVER_ROUND_TRIP = { timeout: 30_000 };

/** The actions of the audit entries linked to the case, oldest first. */
async function caseEntries(caseId: string): Promise<string[]> {
  const links = await db().caseAuditLink.findMany({ where: { caseId }, select: { auditId: true } });
  const entries = await db().auditLog.findMany({
    where: { id: { in: links.map((l) => l.auditId) } },
    select: { action: true },
    orderBy: { id: "asc" },
  });
  return entries.map((e) => e.action);
}

test("a change's answer, the case page rendered again, is recorded and counted by the change: one entry, not a second read", async ({
  page,
  loginAs,
}) => {
  const worker = await loginAs("CASEWORKER");
  const kase = await createCase({ createdById: worker.id, assignedToId: worker.id, status: "NEW" });
  const inWindow = () => db().readingWindowCase.count({ where: { userId: worker.id, kind: "CASE_READS", caseId: kase.id } });

  await page.goto(`/cases/${kase.code}`);
  await expect(page.getByRole("button", { name: "Move to Verifying" })).toBeVisible();
  expect(await caseEntries(kase.id)).toEqual(["case.read"]);

  // The monitor forgets the page's own read: the change must count the case again by itself.
  await db().readingWindowCase.deleteMany({ where: { userId: worker.id } });
  await page.getByRole("button", { name: "Move to Verifying" }).click();
  await expect(page.getByRole("region", { name: "Verification" })).toBeVisible(SERVER_ROUND_TRIP);
  expect(await caseEntries(kase.id)).toEqual(["case.read", "case.status_changed"]);
  expect(await inWindow(), "the change's answer counts towards the reading monitor").toBe(1);

  // A page read afterwards is a read of its own.
  await page.reload();
  await expect(page.getByRole("region", { name: "Verification" })).toBeVisible();
  expect(await caseEntries(kase.id)).toEqual(["case.read", "case.status_changed", "case.read"]);
});
