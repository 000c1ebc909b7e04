import { describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { actorFor, createCase, createNextStep, createUser } from "@/lib/testing/factories";
import { listCases } from "./queries";
import { SaveFilterSchema } from "./saved-filter-schemas";
import { deleteSavedFilter, listSavedFilters, SAVED_FILTER_LIMIT, saveCaseFilter } from "./saved-filters";
import { CaseListFilterSchema } from "./schemas";

/**
 * Saved views of the case list: per user, structured filters only (never a searched code), the
 * name screened like any typed text; and the task-owner filter they can hold.
 */
describe("saved views of the case list", () => {
  test("a user saves the structured filters under a name; the searched code, the cursor and unknown keys are dropped", async () => {
    const co = await actorFor(await createUser({ role: "COORDINATOR" }));
    await saveCaseFilter(
      co,
      SaveFilterSchema.parse({
        name: "High risk in Kazakhstan",
        query: "?country=KZ&risk=HIGH&q=WP-7KQ2&after=WP-AAAA-AAAA&evil=1&status=all",
      }),
    );
    const [view] = await listSavedFilters(co);
    expect(view).toMatchObject({ name: "High risk in Kazakhstan" });
    const params = new URL(view!.href, "http://x").searchParams;
    expect(Object.fromEntries(params)).toEqual({ country: "KZ", risk: "HIGH", status: "all" });
    expect(JSON.stringify(await db().savedFilter.findMany())).not.toContain("7KQ2");
  });

  test("each user sees and deletes only their own; a name twice or past the limit is refused", async () => {
    const mine = await actorFor(await createUser({ role: "CASEWORKER" }));
    const theirs = await actorFor(await createUser({ role: "CASEWORKER" }));
    await saveCaseFilter(mine, { name: "Stays", query: "view=stay" });
    await expect(saveCaseFilter(mine, { name: "Stays", query: "view=entry" })).rejects.toMatchObject({ code: "saved_filter_name_taken" });
    expect(await listSavedFilters(theirs)).toEqual([]);
    const [view] = await listSavedFilters(mine);
    await expect(deleteSavedFilter(theirs, view!.id)).rejects.toBeInstanceOf(NotFoundError);
    for (let i = 1; i < SAVED_FILTER_LIMIT; i++) await saveCaseFilter(mine, { name: `View ${i}`, query: "status=all" });
    await expect(saveCaseFilter(mine, { name: "One too many", query: "" })).rejects.toMatchObject({ code: "too_many_saved_filters" });
    await deleteSavedFilter(mine, view!.id);
    expect(await listSavedFilters(mine)).toHaveLength(SAVED_FILTER_LIMIT - 1);
  });

  test("a name that looks like an identifier is refused, as anywhere else", () => {
    expect(SaveFilterSchema.safeParse({ name: "call +7 912 345 67 89", query: "" }).success).toBe(false);
    expect(SaveFilterSchema.safeParse({ name: "  ", query: "" }).success).toBe(false);
  });

  test("the task-owner filter lists the cases with an open task of that owner", async () => {
    const worker = await createUser({ role: "CASEWORKER" });
    const co = await createUser({ role: "COORDINATOR" });
    const withTask = await createCase({ createdById: worker.id, assignedToId: worker.id });
    const doneOnly = await createCase({ createdById: worker.id, assignedToId: worker.id });
    const step = { dataKeyWrapped: "", createdById: worker.id, ownerId: co.id, text: "Call the lawyer" };
    await createNextStep({ ...step, caseId: withTask.id, dataKeyWrapped: withTask.dataKeyWrapped });
    await createNextStep({ ...step, caseId: doneOnly.id, dataKeyWrapped: doneOnly.dataKeyWrapped, doneAt: new Date() });
    const page = await listCases(await actorFor(co), CaseListFilterSchema.parse({ owner: co.id, status: "all" }));
    expect(page.items.map((c) => c.code)).toEqual([withTask.code]);
  });
});
