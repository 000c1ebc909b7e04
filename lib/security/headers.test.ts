import { describe, expect, test } from "vitest";
import { contentSecurityPolicy, PERMISSIONS_POLICY, staticSecurityHeaders } from "./headers";

function directives(csp: string): Map<string, string> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d]),
  );
}

describe("security headers", () => {
  test("HSTS is sent exactly when the site is served over https", () => {
    expect(staticSecurityHeaders({ https: true })["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(staticSecurityHeaders({ https: false })).not.toHaveProperty("Strict-Transport-Security");
  });

  test("the CSP asks to upgrade insecure requests exactly when the site is served over https", () => {
    for (const development of [false, true]) {
      expect(directives(contentSecurityPolicy("n0nce", { https: true, development })).has("upgrade-insecure-requests")).toBe(true);
      expect(directives(contentSecurityPolicy("n0nce", { https: false, development })).has("upgrade-insecure-requests")).toBe(false);
    }
  });

  test("scripts run only with the response's nonce: no inline scripts, eval only in development", () => {
    for (const https of [false, true]) {
      const production = directives(contentSecurityPolicy("abc123", { https, development: false }));
      expect(production.get("script-src")).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
      expect(production.get("script-src")).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(directives(contentSecurityPolicy("abc123", { https, development: true })).get("script-src")).toContain("'unsafe-eval'");
    }
  });

  test("the page cannot be framed, and plugins, foreign bases and foreign form targets are refused", () => {
    const csp = directives(contentSecurityPolicy("n", { https: false, development: false }));
    expect(csp.get("frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(csp.get("object-src")).toBe("object-src 'none'");
    expect(csp.get("base-uri")).toBe("base-uri 'self'");
    expect(csp.get("form-action")).toBe("form-action 'self'");
    expect(staticSecurityHeaders({ https: false })["X-Frame-Options"]).toBe("DENY");
  });

  test("the static headers: no sniffing, no referrer, an isolated window, no camera, microphone or location", () => {
    const headers = staticSecurityHeaders({ https: false });
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("no-referrer");
    expect(headers["Cross-Origin-Opener-Policy"]).toBe("same-origin");
    expect(headers["Permissions-Policy"]).toBe(PERMISSIONS_POLICY);
    for (const feature of ["camera", "microphone", "geolocation"]) expect(PERMISSIONS_POLICY.split(", ")).toContain(`${feature}=()`);
  });
});
