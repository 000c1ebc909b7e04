import "server-only";
import { db, type Db } from "@/lib/db/client";
import { logger } from "@/lib/log";

/**
 * Outreach windows leave the database when they end (ADR 028: nothing kept longer than it serves).
 * Every read already ignores a window past its end; this deletes the rows, from `npm run jobs` and in
 * each app instance every 15 minutes. Two runners at once delete each row once.
 */
export async function deleteEndedOutreachWindows(client: Db = db(), now = new Date()): Promise<number> {
  const { count } = await client.outreachWindow.deleteMany({ where: { endsAt: { lte: now } } });
  return count;
}

let timer: NodeJS.Timeout | null = null;

/** In each app instance (lib/startup.ts): now, then every 15 minutes. */
export function startOutreachCleanup(client: () => Db = db, everyMs = 15 * 60_000): void {
  if (timer) return;
  const tick = () =>
    deleteEndedOutreachWindows(client()).catch((error: unknown) =>
      logger().warn({ err: error instanceof Error ? error.message : String(error) }, "outreach clean-up failed; retried at the next tick"),
    );
  void tick();
  timer = setInterval(() => void tick(), everyMs);
  timer.unref();
}

export function stopOutreachCleanup(): void {
  if (timer) clearInterval(timer);
  timer = null;
}
