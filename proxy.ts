import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, staticSecurityHeaders } from "./lib/security/headers";
import { declaredLength, refuseRequest } from "./lib/security/requests";

/**
 * Runs before every request: a fresh CSP nonce and a request id for each response, and the security
 * headers. It is not an access guard — authorization lives in the data-access layer (lib/). It does
 * refuse writes that are forged from another site or too large (lib/security/requests.ts) before
 * Next.js decodes them, because Next.js answers those with a 500 or, without an Origin, runs them.
 * Kept self-contained, as Next.js asks of proxies; APP_URL is read here only to know whether the
 * site is served over https (HSTS, upgrade-insecure-requests).
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const requestId = crypto.randomUUID();
  const https = (process.env.APP_URL ?? "").startsWith("https://");
  const csp = contentSecurityPolicy(nonce, { https, development: process.env.NODE_ENV === "development" });

  const secured = (response: NextResponse): NextResponse => {
    response.headers.set("Content-Security-Policy", csp);
    response.headers.set("X-Request-Id", requestId);
    for (const [name, value] of Object.entries(staticSecurityHeaders({ https }))) response.headers.set(name, value);
    return response;
  };

  // A body without a Content-Length (chunked; Next.js forwards an action to the page that holds it
  // that way) is measured: Next.js buffers request bodies for the proxy and still hands them on.
  const bodyBytes = declaredLength(request.headers) ?? (request.body ? (await request.arrayBuffer()).byteLength : 0);
  const refusal = refuseRequest(request.method, request.headers, bodyBytes);
  if (refusal) {
    return secured(
      new NextResponse(refusal.reason, {
        status: refusal.status,
        headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
      }),
    );
  }

  const requestHeaders = new Headers(request.headers);
  // Next.js reads the nonce from the request's CSP header and stamps its own scripts with it.
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-request-id", requestId);

  return secured(NextResponse.next({ request: { headers: requestHeaders } }));
}

export const config = {
  // Everything but the immutable static files (they carry the static headers from next.config.js).
  matcher: [{ source: "/((?!_next/static|_next/image).*)" }],
};
