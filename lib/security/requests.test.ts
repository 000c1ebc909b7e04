import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { declaredLength, refuseRequest, SERVER_ACTION_BODY_LIMIT_BYTES } from "./requests";

const SITE = { host: "waypoint.example" };
const headers = (values: Record<string, string>) => new Headers(values);

describe("requests the proxy refuses", () => {
  test("reads are never refused, whatever their origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(refuseRequest(method, headers({ ...SITE, origin: "https://evil.example" }), 0)).toBeNull();
      expect(refuseRequest(method, headers(SITE), 10_000_000)).toBeNull();
    }
  });

  test("a write from the site itself, within the size limit, goes through", () => {
    expect(refuseRequest("POST", headers({ ...SITE, origin: "https://waypoint.example" }), 1000)).toBeNull();
    expect(refuseRequest("POST", headers({ ...SITE, origin: "https://waypoint.example" }), SERVER_ACTION_BODY_LIMIT_BYTES)).toBeNull();
    // Behind a reverse proxy: the host the browser addressed is the forwarded one.
    expect(
      refuseRequest(
        "POST",
        headers({ host: "127.0.0.1:3000", "x-forwarded-host": "waypoint.example, internal", origin: "https://waypoint.example" }),
        10,
      ),
    ).toBeNull();
  });

  test("a write from another origin, from origin null, with a malformed origin or without one is refused with 403", () => {
    for (const origin of [
      "https://evil.example",
      "https://waypoint.example.evil.example",
      "http://waypoint.example:8080",
      "null",
      "not a url",
      "",
    ]) {
      expect(refuseRequest("POST", headers({ ...SITE, origin }), 10), origin).toEqual({ status: 403, reason: "cross_origin" });
    }
    expect(refuseRequest("POST", headers(SITE), 10)).toEqual({ status: 403, reason: "cross_origin" });
    expect(refuseRequest("DELETE", headers({ ...SITE, origin: "https://evil.example" }), 0)).toEqual({
      status: 403,
      reason: "cross_origin",
    });
  });

  test("origin null passes only with the browser's own Sec-Fetch-Site: same-origin (a form POST of our pages under no-referrer)", () => {
    expect(refuseRequest("POST", headers({ ...SITE, origin: "null", "sec-fetch-site": "same-origin" }), 10)).toBeNull();
    for (const site of ["cross-site", "same-site", "none", ""]) {
      expect(refuseRequest("POST", headers({ ...SITE, origin: "null", "sec-fetch-site": site }), 10), site).toEqual({
        status: 403,
        reason: "cross_origin",
      });
    }
    // Only "null": a missing or foreign Origin stays refused whatever Sec-Fetch-Site says.
    expect(refuseRequest("POST", headers({ ...SITE, "sec-fetch-site": "same-origin" }), 10)).toEqual({
      status: 403,
      reason: "cross_origin",
    });
    expect(refuseRequest("POST", headers({ ...SITE, origin: "https://evil.example", "sec-fetch-site": "same-origin" }), 10)).toEqual({
      status: 403,
      reason: "cross_origin",
    });
  });

  test("a write whose body is over the server-action limit is refused with 413", () => {
    expect(refuseRequest("POST", headers({ ...SITE, origin: "https://waypoint.example" }), SERVER_ACTION_BODY_LIMIT_BYTES + 1)).toEqual({
      status: 413,
      reason: "payload_too_large",
    });
    expect(refuseRequest("POST", headers({ ...SITE, origin: "https://waypoint.example" }), Number.NaN)).toEqual({
      status: 413,
      reason: "payload_too_large",
    });
  });

  test("the declared length is read only when it is a plain number", () => {
    expect(declaredLength(headers({ "content-length": "123" }))).toBe(123);
    expect(declaredLength(headers({}))).toBeNull();
    expect(declaredLength(headers({ "content-length": "12, 12" }))).toBeNull();
  });

  test("the limit is next.config.js's serverActions.bodySizeLimit", () => {
    const config = readFileSync(path.join(import.meta.dirname, "../../next.config.js"), "utf8");
    expect(config).toMatch(/bodySizeLimit:\s*"256kb"/);
    expect(SERVER_ACTION_BODY_LIMIT_BYTES).toBe(256 * 1024);
  });
});
