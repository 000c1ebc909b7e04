import "server-only";
import { isIP } from "node:net";
import { env } from "@/lib/env";
import { connectionAddress } from "@/lib/security/connection-address";

/**
 * What we keep about a client: a coarse network (/24 or /48) for throttling and the "your sessions"
 * list, and a browser/OS label. Never the full address, never the raw user agent.
 */

export interface ClientInfo {
  /** Coarse network, e.g. "203.0.113.0/24", or "unknown" when no trustworthy address is known (a misconfiguration). */
  network: string;
  /** e.g. "Firefox on Windows". */
  label: string;
}

/**
 * The client's address. With no reverse proxy (TRUSTED_PROXY_COUNT=0, the default) it is the peer
 * of the TCP connection, which this process stamps into each request itself
 * (lib/security/connection-address.ts): X-Forwarded-For is then the client's to write and is
 * ignored. Behind proxies, the entry the outermost trusted proxy appended.
 */
export function clientAddress(headers: Headers): string | null {
  const hops = env().TRUSTED_PROXY_COUNT;
  if (hops === 0) return connectionAddress(headers);
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  // Our proxies append; the entry they appended for the client is `hops` from the right.
  const candidate = chain[chain.length - hops];
  return candidate && isIP(candidate) ? candidate : null;
}

export function coarseNetwork(address: string | null): string {
  if (!address) return "unknown";
  if (isIP(address) === 4) {
    const [a, b, c] = address.split(".");
    return `${a}.${b}.${c}.0/24`;
  }
  if (isIP(address) === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped?.[1]) return coarseNetwork(mapped[1]);
    const groups = expandIpv6(address).slice(0, 3);
    return `${groups.join(":")}::/48`;
  }
  return "unknown";
}

function expandIpv6(address: string): string[] {
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(0, missing)).fill("0"), ...right].map((g) => g.toLowerCase().replace(/^0+(?=.)/, ""));
}

export function describeUserAgent(userAgent: string | null): string {
  const ua = userAgent ?? "";
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /OPR\/|Opera/.test(ua)
      ? "Opera"
      : /Firefox\//.test(ua)
        ? "Firefox"
        : /Chrome\/|Chromium\/|CriOS\//.test(ua)
          ? "Chrome"
          : /Safari\//.test(ua)
            ? "Safari"
            : "Browser";
  const os = /Android/.test(ua)
    ? "Android"
    : /iPhone|iPad|iPod/.test(ua)
      ? "iOS"
      : /Windows/.test(ua)
        ? "Windows"
        : /Mac OS X|Macintosh/.test(ua)
          ? "macOS"
          : /Linux|X11/.test(ua)
            ? "Linux"
            : "unknown system";
  return `${browser} on ${os}`;
}

export function clientInfo(headers: Headers): ClientInfo {
  return { network: coarseNetwork(clientAddress(headers)), label: describeUserAgent(headers.get("user-agent")) };
}
