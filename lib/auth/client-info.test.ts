import { afterEach, describe, expect, test, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { CONNECTION_ADDRESS_HEADER, installConnectionAddressStamp, stampConnectionAddress } from "@/lib/security/connection-address";
import { clientAddress, clientInfo, coarseNetwork, describeUserAgent } from "./client-info";

function behindProxies(count: number) {
  vi.stubEnv("TRUSTED_PROXY_COUNT", String(count));
  resetEnvCache();
}

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

/** The headers of a request that reached this process over a connection from `address`, with the client's own `sent` headers. */
function fromConnection(address: string, sent: Record<string, string> = {}): Headers {
  installConnectionAddressStamp();
  const request = { headers: { ...sent } as Record<string, string | string[] | undefined>, socket: { remoteAddress: address } };
  stampConnectionAddress(request);
  return new Headers(request.headers as Record<string, string>);
}

describe("client info", () => {
  test("with no trusted proxy, the connection's own address is the client's; X-Forwarded-For is ignored (a client could forge it)", () => {
    behindProxies(0);
    const headers = fromConnection("198.51.100.23", { "x-forwarded-for": "203.0.113.7" });
    expect(clientAddress(headers)).toBe("198.51.100.23");
    expect(clientInfo(headers).network).toBe("198.51.100.0/24");
  });

  test("with no trusted proxy, a connection-address header the process did not stamp gives no address", () => {
    behindProxies(0);
    const headers = new Headers({ [CONNECTION_ADDRESS_HEADER]: "forged 203.0.113.7", "x-forwarded-for": "203.0.113.7" });
    expect(clientAddress(headers)).toBeNull();
    expect(clientInfo(headers).network).toBe("unknown");
  });

  test("behind a proxy, the connection's address is the proxy's and is not the client's", () => {
    behindProxies(1);
    expect(clientAddress(fromConnection("10.0.0.2", { "x-forwarded-for": "203.0.113.7" }))).toBe("203.0.113.7");
  });

  test("behind one proxy, the address that proxy appended is used, not what the client sent before it", () => {
    behindProxies(1);
    expect(clientAddress(new Headers({ "x-forwarded-for": "10.9.9.9, 203.0.113.7" }))).toBe("203.0.113.7");
    behindProxies(2);
    expect(clientAddress(new Headers({ "x-forwarded-for": "10.9.9.9, 203.0.113.7, 192.0.2.1" }))).toBe("203.0.113.7");
  });

  test("a forged non-address or a too-short chain gives no address", () => {
    behindProxies(1);
    expect(clientAddress(new Headers({ "x-forwarded-for": "not-an-ip" }))).toBeNull();
    behindProxies(2);
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.7" }))).toBeNull();
  });

  test("an IPv4 address is kept only as its /24", () => {
    expect(coarseNetwork("203.0.113.7")).toBe("203.0.113.0/24");
    expect(coarseNetwork("203.0.113.250")).toBe("203.0.113.0/24");
    expect(coarseNetwork("::ffff:203.0.113.7")).toBe("203.0.113.0/24");
  });

  test("an IPv6 address is kept only as its /48", () => {
    expect(coarseNetwork("2001:db8:85a3:8d3:1319:8a2e:370:7348")).toBe("2001:db8:85a3::/48");
    expect(coarseNetwork("2001:0DB8:85a3::1")).toBe("2001:db8:85a3::/48");
    expect(coarseNetwork("2001:db8::1")).toBe("2001:db8:0::/48");
  });

  test("no address, or garbage, is the 'unknown' network", () => {
    expect(coarseNetwork(null)).toBe("unknown");
    expect(coarseNetwork("localhost")).toBe("unknown");
  });

  test("the full client info never holds the full address or the raw user agent", () => {
    behindProxies(1);
    const ua = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    const info = clientInfo(new Headers({ "x-forwarded-for": "198.51.100.23", "user-agent": ua }));
    expect(info).toEqual({ network: "198.51.100.0/24", label: "Firefox on Linux" });
  });

  test("user agents are reduced to a browser and system label", () => {
    expect(
      describeUserAgent(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0",
      ),
    ).toBe("Edge on Windows");
    expect(
      describeUserAgent(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      ),
    ).toBe("Safari on iOS");
    expect(describeUserAgent(null)).toBe("Browser on unknown system");
  });
});
