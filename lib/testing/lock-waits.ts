import type pg from "pg";

// For tests that hold a lock on one connection and watch another statement wait for it.

/** How many statements of this database are waiting for a heavyweight lock (advisory and row locks included). */
export async function lockWaiters(probe: pg.Client): Promise<number> {
  const { rows } = await probe.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
  );
  return rows[0]!.n;
}

/** Polls `check` every 25 ms for up to 10 s; fails naming `what` it waited for. */
export async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
