import "server-only";
import { startCheckpointSchedule, stopCheckpointSchedule } from "@/lib/audit/checkpoints";
import { db, disconnectDb } from "@/lib/db/client";
import { env, EnvError } from "@/lib/env";
import { logger } from "@/lib/log";
import { startDueTaskSchedule, stopDueTaskSchedule } from "@/lib/notifications/due-tasks";
import { startOutreachCleanup, stopOutreachCleanup } from "@/lib/outreach/cleanup";
import { indexContactsAtStart } from "@/lib/cases/contact-index-backfill";

/**
 * Server start-up: refuse to start with a broken configuration (a missing or malformed key, a missing
 * DATABASE_URL) rather than fail on the first request; write signed checkpoints of the audit chain
 * on their schedule (lib/audit/checkpoints.ts, one instance at a time); raise the notifications of
 * tasks due and overdue (lib/notifications/due-tasks.ts); delete the outreach windows that ended
 * (lib/outreach/cleanup.ts); and shut down gracefully.
 */

let draining = false;

/** True once SIGTERM/SIGINT arrived: /api/health answers 503 so load balancers stop sending traffic. */
export function isDraining(): boolean {
  return draining;
}

export function startServer(): void {
  try {
    env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  startCheckpointSchedule(db);
  startDueTaskSchedule(db);
  startOutreachCleanup(db);
  indexContactsAtStart(db);

  // Graceful shutdown. Next.js itself stops accepting connections on SIGTERM, waits for in-flight
  // requests and then calls process.exit. We mark the instance as draining (readiness probe), and
  // close the database pool at that exit, after the last request, not before it.
  const onSignal = (signal: NodeJS.Signals) => {
    if (draining) return;
    draining = true;
    stopCheckpointSchedule();
    stopDueTaskSchedule();
    stopOutreachCleanup();
    logger().info({ signal }, "shutting down: finishing in-flight requests");
    const exit = process.exit.bind(process);
    process.exit = ((code?: number) => {
      void disconnectDb()
        .catch(() => undefined)
        .finally(() => {
          logger().info({ code }, "database pool closed; exiting");
          exit(code);
        });
    }) as typeof process.exit;
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
