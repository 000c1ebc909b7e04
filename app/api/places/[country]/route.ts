import { requireActor } from "@/lib/auth/session";
import { errorResponse } from "@/lib/errors/http";
import { citiesOf } from "@/lib/places/cities";
import { CountryCodeSchema } from "@/lib/validation/atoms";

// GET /api/places/KZ: the cities a place in that country can be chosen from, for the forms of those
// who create and update cases. A vocabulary, not case data: no audit entry, and the browser may keep
// it for a day (private: only this signed-in browser, never a shared cache).
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ country: string }> }): Promise<Response> {
  try {
    await requireActor("case:update");
    const country = CountryCodeSchema.parse((await params).country);
    return Response.json({ country, cities: citiesOf(country) }, { headers: { "cache-control": "private, max-age=86400" } });
  } catch (error) {
    return errorResponse(error, request);
  }
}
