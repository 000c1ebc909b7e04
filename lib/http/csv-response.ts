import "server-only";
import type { z } from "zod";
import type { Permission } from "@/lib/access/policy";
import { requireActor, type Actor } from "@/lib/auth/session";
import { errorResponse } from "@/lib/errors/http";
import { postedFields } from "@/lib/security/form-post";
import { assertNotFrozen } from "@/lib/organisation/freeze";

interface CsvFile {
  filename: string;
  csv: string;
}

/** A CSV file to download; never cached (it holds what the actor was allowed to see, when asked). */
export function csvResponse({ filename, csv }: CsvFile): Response {
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}

/**
 * The POST handler of an export: the actor must hold `permission`, the posted form's fields are
 * the filter (parsed by `schema`), `build` makes the file (and audits it). Every failure is mapped
 * by errorResponse, as for any route.
 */
export function csvExport<S extends z.ZodType>(
  permission: Permission,
  schema: S,
  build: (actor: Actor, filter: z.infer<S>) => Promise<CsvFile>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const actor = await requireActor(permission);
      // Nothing leaves Waypoint while the organisation is frozen (lib/organisation/freeze.ts).
      assertNotFrozen(actor);
      const filter = schema.parse(await postedFields(request));
      return csvResponse(await build(actor, filter));
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}
