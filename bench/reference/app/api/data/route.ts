import { headers } from "next/headers";
import { ROWS } from "../../data";

/** A JSON route handler with the list's 50 rows, read per request (it reads the request's headers). */
export async function GET(): Promise<Response> {
  await headers();
  return Response.json({ items: ROWS }, { headers: { "cache-control": "no-store" } });
}
