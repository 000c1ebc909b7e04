import "server-only";
import { db } from "@/lib/db/client";

/** True when the database answers a trivial query within the timeout. */
export async function databaseIsUp(timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const query = db()
      .$queryRawUnsafe<{ ok: number }[]>("SELECT 1 AS ok")
      .then((rows) => rows[0]?.ok === 1)
      .catch(() => false);
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
