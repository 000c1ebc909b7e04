import "server-only";
import { env, EnvError } from "@/lib/env";

/**
 * Server start-up: refuse to start with a broken configuration (a missing or malformed key, a missing
 * DATABASE_URL) rather than fail on the first request.
 */
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
}
