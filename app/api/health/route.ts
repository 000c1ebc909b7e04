import { databaseIsUp } from "@/lib/health";
import { isDraining } from "@/lib/startup";

// Liveness and readiness probe: 200 only when the app can query its database and is not shutting
// down. Public by design; it says nothing but "ok" or "unavailable".
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const up = !isDraining() && (await databaseIsUp());
  return Response.json(up ? { status: "ok" } : { status: "unavailable" }, {
    status: up ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
