import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Actor } from "@/lib/access/actor";
import { caseFieldContext } from "@/lib/crypto/envelope";
import { db, type Db, type Tx } from "@/lib/db/client";
import { ConflictError, InvalidInputError } from "@/lib/errors";
import { GROUP_KINDS, type GroupKind, type LinkCaseInput, type UnlinkCaseInput } from "./record-schemas";
import { CaseKey } from "./sealed";
import { caseScope } from "./scope";
import { assertOpen, caseEvent, mutateCases, type CaseChange } from "./write-pipeline";

/**
 * People travelling together (ADR 023): a family, a unit leaving together. A group has no name, only
 * a random id and a kind from a closed list, and it is kept *sealed in each member case* (`group_enc`,
 * under that case's data key), not in a link table: a copy of the database does not say which cases
 * travel together. The price is that the other members of a group are found by opening the group of
 * every grouped case the actor may see; cases the actor may not see are never looked at, so nothing
 * about them (not even how many there are) reaches the page.
 */

export interface CaseGroup {
  id: string;
  kind: GroupKind;
}

const SealedGroup = z.object({ id: z.uuid(), kind: z.enum(GROUP_KINDS) });

/** The case's group, opened with its key; null when the person travels alone. */
export function groupOf(key: CaseKey, groupEnc: string | null): CaseGroup | null {
  const text = key.open(caseFieldContext.group(key.caseId), groupEnc);
  return text === null ? null : SealedGroup.parse(JSON.parse(text));
}

function sealGroup(key: CaseKey, group: CaseGroup | null): string | null {
  return group ? key.seal(caseFieldContext.group(key.caseId), JSON.stringify(group)) : null;
}

export interface GroupMember {
  id: string;
  code: string;
  version: number;
  closed: boolean;
}

/**
 * The other cases of `group` that the actor may see, in code order. Only the actor's scope is read,
 * so a member outside it is never found, counted or opened.
 */
export async function visibleGroupMembers(tx: Tx | Db, actor: Actor, group: CaseGroup, exceptId: string): Promise<GroupMember[]> {
  const rows = await tx.case.findMany({
    where: { groupEnc: { not: null }, id: { not: exceptId }, ...caseScope(actor) },
    select: { id: true, code: true, version: true, status: true, groupEnc: true, dataKeyWrapped: true },
    orderBy: { code: "asc" },
  });
  return rows
    .filter((row) => groupOf(new CaseKey(row), row.groupEnc)?.id === group.id)
    .map((row) => ({ id: row.id, code: row.code, version: row.version, closed: row.status === "CLOSED" }));
}

const joined = (key: CaseKey, group: CaseGroup): CaseChange<undefined> => ({
  patch: { groupEnc: sealGroup(key, group) },
  events: [caseEvent("GROUP_JOINED", { kind: group.kind })],
  audit: { action: "case.group_linked", fields: ["group"] },
  result: undefined,
});

/**
 * Links the case to another case by its code: whoever may change a case, for two cases they both
 * see (the other one out of scope answers exactly like a missing code, and the refusal is audited).
 * The other case joins this case's group, or this case the other's, or both start a new group of the
 * kind chosen. Two different groups are not merged: members the actor cannot see would change.
 * Each case gets a GROUP_JOINED event (the kind only, no code of the other) and its own audit entry.
 */
export async function linkCases(actor: Actor, input: LinkCaseInput): Promise<void> {
  if (input.otherCode === input.code) throw new InvalidInputError("cannot_link_itself", { otherCode: ["same_case"] });
  await mutateCases(actor, [input, { code: input.otherCode, version: null }], "case:update", async (_tx, currents, _now, keys) => {
    const [current, other] = currents as [(typeof currents)[0], (typeof currents)[0]];
    const [key, otherKey] = keys as [CaseKey, CaseKey];
    assertOpen(current);
    if (other.status === "CLOSED") throw new InvalidInputError("case_closed", { otherCode: ["other_case_closed"] });
    const mine = groupOf(key, current.groupEnc);
    const theirs = groupOf(otherKey, other.groupEnc);
    if (mine && theirs) {
      if (mine.id === theirs.id) throw new InvalidInputError("already_linked", { otherCode: ["already_in_group"] });
      throw new InvalidInputError("other_group", { otherCode: ["in_another_group"] });
    }
    const group = mine ?? theirs ?? { id: randomUUID(), kind: input.kind };
    return [mine ? unchanged() : joined(key, group), theirs ? unchanged() : joined(otherKey, group)];
  });
}

/** The side already in the group: its version moved with the link, and it says so in its timeline. */
const unchanged = (): CaseChange<undefined> => ({
  events: [caseEvent("GROUP_JOINED", { other: true })],
  audit: { action: "case.group_linked", fields: ["group"] },
  result: undefined,
});

/**
 * Takes the case out of its group. The group's other members the actor may see get a GROUP_LEFT
 * event too (and their own audit entry); members out of the actor's sight are not touched.
 */
export async function unlinkCase(actor: Actor, input: UnlinkCaseInput): Promise<void> {
  // The members are read first, outside the change, then locked and checked inside it.
  const members = await findMembersToTell(actor, input.code);
  await mutateCases(
    actor,
    [input, ...members.map((m) => ({ code: m.code, version: null }))],
    "case:update",
    async (_tx, currents, _now, keys) => {
      const [current, ...others] = currents;
      assertOpen(current!);
      const group = groupOf(keys[0]!, current!.groupEnc);
      if (!group) throw new ConflictError("not_in_group");
      if (others.some((o, i) => groupOf(keys[i + 1]!, o.groupEnc)?.id !== group.id)) throw new ConflictError("group_changed");
      return [
        {
          patch: { groupEnc: null },
          events: [caseEvent("GROUP_LEFT", { kind: group.kind })],
          audit: { action: "case.group_unlinked", fields: ["group"] },
          result: undefined,
        },
        ...others.map((): CaseChange<undefined> => ({
          events: [caseEvent("GROUP_LEFT", { other: true })],
          audit: { action: "case.group_unlinked", fields: ["group"] },
          result: undefined,
        })),
      ];
    },
  );
}

async function findMembersToTell(actor: Actor, code: string): Promise<GroupMember[]> {
  return db().$transaction(async (tx) => {
    const row = await tx.case.findFirst({
      where: { code, ...caseScope(actor) },
      select: { id: true, groupEnc: true, dataKeyWrapped: true },
    });
    const group = row ? groupOf(new CaseKey(row), row.groupEnc) : null;
    return row && group ? visibleGroupMembers(tx, actor, group, row.id) : [];
  });
}
