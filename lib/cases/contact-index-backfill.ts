import "server-only";
import { caseFieldContext } from "@/lib/crypto/envelope";
import { db, type Db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { contactIndex } from "./contact-index";
import { CaseKey } from "./sealed";

/**
 * Fills the blind index of the cases that have none (ADR 031): those written before it existed, or
 * after CONTACT_INDEX_KEY changed (clear the column, and this indexes every case again). Every write
 * of a contact channel indexes it at once, so this runs only at each instance's start and from
 * `npm run jobs`. A merged case stays out; a channel with too little to compare stays null (and is
 * looked at again next time, which costs one decryption each).
 */
export async function indexUnindexedContacts(client: Db = db(), batch = 500): Promise<number> {
  let indexed = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await client.case.findMany({
      where: { contactIndex: null, id: { gt: after }, OR: [{ closeReason: null }, { closeReason: { not: "MERGED" } }] },
      select: { id: true, dataKeyWrapped: true, contactChannelEnc: true },
      orderBy: { id: "asc" },
      take: batch,
    });
    const found = rows.flatMap((row) => {
      const channel = new CaseKey(row).open(caseFieldContext.contactChannel(row.id), row.contactChannelEnc);
      const index = channel ? contactIndex(channel) : null;
      return index ? [{ id: row.id, index }] : [];
    });
    // One statement per batch, and only where still empty: a change of the channel meanwhile has
    // indexed it itself.
    if (found.length)
      indexed += await client.$executeRaw`
        UPDATE cases SET contact_index = v.index
          FROM unnest(${found.map((f) => f.id)}::uuid[], ${found.map((f) => f.index)}::text[]) AS v(id, index)
         WHERE cases.id = v.id AND cases.contact_index IS NULL`;
    if (rows.length < batch) return indexed;
    after = rows.at(-1)!.id;
  }
}

/** At an instance's start: in the background, a failure logged and left to the next start or `npm run jobs`. */
export function indexContactsAtStart(client: () => Db = db): void {
  indexUnindexedContacts(client()).catch((error: unknown) =>
    logger().warn(
      { err: error instanceof Error ? error.message : String(error) },
      "indexing contact channels failed; npm run jobs retries",
    ),
  );
}
