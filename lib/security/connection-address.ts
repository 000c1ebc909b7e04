import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";

/**
 * SECURITY-CRITICAL: two reviewers.
 *
 * The address of the TCP peer, for throttling by network when no reverse proxy is trusted
 * (TRUSTED_PROXY_COUNT=0, the default). Next.js 16 gives the proxy, route handlers and server
 * actions no access to the socket (`NextRequest` has no `ip`), and the `X-Forwarded-For` it fills in
 * itself is set only when the request has none: a client that sends its own gets it believed. So
 * this process stamps every incoming request, before Next.js reads it, with the socket's remote
 * address in a header of its own, replacing whatever a client sent under that name.
 *
 * The stamp carries a random tag drawn once per process. A header this process did not write (sent
 * by a client to an instance without the hook, or before the hook was installed at start-up) has
 * no valid tag and is never believed. The tag never leaves the process: nothing echoes request
 * headers, and the log redacts none of it because it logs no request headers.
 */

export const CONNECTION_ADDRESS_HEADER = "x-waypoint-connection-address";

const STATE = Symbol.for("waypoint.connectionAddressStamp");

interface StampState {
  tag: string;
}

type WithState = typeof globalThis & { [STATE]?: StampState };

function stampState(): StampState | undefined {
  return (globalThis as WithState)[STATE];
}

/** What the hook needs of a request: Node's IncomingMessage. */
export type StampableRequest = { headers: http.IncomingHttpHeaders; socket?: { remoteAddress?: string } | null };

/** Writes the connection's address into the request's headers (this process's tag first). */
export function stampConnectionAddress(request: StampableRequest): void {
  const state = stampState();
  if (!state) throw new Error("the connection-address stamp is not installed");
  // Assigning replaces the client's value, however many times it sent the header.
  request.headers[CONNECTION_ADDRESS_HEADER] = `${state.tag} ${request.socket?.remoteAddress ?? ""}`;
}

/**
 * Installs the hook once per process (instrumentation.ts, at server start): every `request` event
 * of every HTTP(S) server of this process is stamped before its listeners, Next.js' among them, run.
 */
export function installConnectionAddressStamp(): void {
  if (stampState()) return;
  (globalThis as WithState)[STATE] = { tag: randomBytes(18).toString("base64url") };
  for (const prototype of [http.Server.prototype, https.Server.prototype]) {
    const emit = prototype.emit as (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
    prototype.emit = function (this: unknown, event: string | symbol, ...args: unknown[]): boolean {
      if (event === "request") stampConnectionAddress(args[0] as StampableRequest);
      return emit.call(this, event, ...args);
    } as typeof prototype.emit;
  }
}

/** The connection's address as this process stamped it, or null (no stamp, a forged one, or no address). */
export function connectionAddress(headers: Headers): string | null {
  const state = stampState();
  const value = headers.get(CONNECTION_ADDRESS_HEADER);
  if (!state || !value) return null;
  const space = value.indexOf(" ");
  const tag = Buffer.from(space < 0 ? value : value.slice(0, space));
  const expected = Buffer.from(state.tag);
  if (tag.length !== expected.length || !timingSafeEqual(tag, expected)) return null;
  const address = value.slice(space + 1).trim();
  return isIP(address) ? address : null;
}
