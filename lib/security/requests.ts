/**
 * Which requests proxy.ts refuses before Next.js sees them. Pure, like headers.ts, so the proxy
 * (which must stay self-contained) and the tests share one definition.
 *
 * Every POST to this app is a server action or an export's form (route handlers otherwise only
 * read). Next.js checks an action's
 * Origin itself, but answers a foreign one with a 500, lets a request without an Origin through,
 * and answers a body over `serverActions.bodySizeLimit` with a 500 too. Here they get a 4xx, and the
 * action never runs.
 */

/** next.config.js `experimental.serverActions.bodySizeLimit` ("256kb"), in bytes. Keep the two equal. */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 256 * 1024;

/** Methods that can change something. Reads (GET, HEAD, OPTIONS) are never refused here. */
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface Refusal {
  status: 403 | 413;
  reason: "cross_origin" | "payload_too_large";
}

/** The host the browser addressed: the first X-Forwarded-Host, as Next.js reads it, else Host. */
function requestedHost(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return forwarded || headers.get("host");
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * A plain form POST from one of our own pages (the export buttons, components/ui/download-form.tsx).
 * Under our `Referrer-Policy: no-referrer`, browsers send such a navigation with `Origin: null`;
 * they also send `Sec-Fetch-Site`, which no page can set or forge (a `Sec-` header), and which is
 * `same-origin` only for a request from a document of this very origin. A form on another site, or
 * in a sandboxed (opaque-origin) document, says `cross-site` or `same-site`, and stays refused.
 */
function isOwnFormPost(origin: string | null, headers: Headers): boolean {
  return origin === "null" && headers.get("sec-fetch-site") === "same-origin";
}

/**
 * Why a request must be refused, or null to let it through:
 * - a write whose Origin is missing, another site's, or "null" other than in our own form POST
 *   (isOwnFormPost) → 403 (cross-site request forgery: browsers send Origin with every POST, so
 *   only forged or hand-made requests lack it);
 * - a write whose body (`bodyBytes`: its Content-Length, or its measured size when it has none) is
 *   larger than the server-action limit → 413.
 */
export function refuseRequest(method: string, headers: Headers, bodyBytes: number): Refusal | null {
  if (!WRITE_METHODS.has(method.toUpperCase())) return null;
  const origin = headers.get("origin");
  const host = requestedHost(headers);
  if (!host || !(originHost(origin ?? "") === host || isOwnFormPost(origin, headers))) return { status: 403, reason: "cross_origin" };
  if (!(bodyBytes <= SERVER_ACTION_BODY_LIMIT_BYTES)) return { status: 413, reason: "payload_too_large" };
  return null;
}

/** The declared Content-Length, or null when there is none (a chunked body) or it is not a number. */
export function declaredLength(headers: Headers): number | null {
  const value = headers.get("content-length")?.trim();
  return value && /^\d+$/.test(value) ? Number(value) : null;
}
