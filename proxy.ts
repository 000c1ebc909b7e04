import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, staticSecurityHeaders } from "./lib/security/headers";

/**
 * Runs before every request: a fresh CSP nonce and a request id for each response, and the security
 * headers. It is not an access guard — authorization lives in the data-access layer (lib/).
 * Kept self-contained, as Next.js asks of proxies; APP_URL is read here only to know whether the
 * site is served over https (HSTS, upgrade-insecure-requests).
 */
export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const requestId = crypto.randomUUID();
  const https = (process.env.APP_URL ?? "").startsWith("https://");
  const csp = contentSecurityPolicy(nonce, { https, development: process.env.NODE_ENV === "development" });

  const requestHeaders = new Headers(request.headers);
  // Next.js reads the nonce from the request's CSP header and stamps its own scripts with it.
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-request-id", requestId);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Request-Id", requestId);
  for (const [name, value] of Object.entries(staticSecurityHeaders({ https }))) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but the immutable static files (they carry the static headers from next.config.js).
  matcher: [{ source: "/((?!_next/static|_next/image).*)" }],
};
