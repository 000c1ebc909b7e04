import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CONNECTION_ADDRESS_HEADER, connectionAddress, installConnectionAddressStamp, stampConnectionAddress } from "./connection-address";

/**
 * A real HTTP server on the loopback interface: the whole of 127.0.0.0/8 is local on Linux, so a
 * client can connect from 127.0.9.1 and the server must see exactly that, whatever headers it sent.
 */

let server: http.Server;
let port: number;

/** The address a request seems to come from, as the app reads it from the headers Next.js hands on. */
function seenBy(request: http.IncomingMessage): string {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(name, value);
  return connectionAddress(headers) ?? "none";
}

function get(localAddress: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, localAddress, headers }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve(body));
    });
    request.on("error", reject);
    request.end();
  });
}

describe("connection address stamp", () => {
  test("before the hook is installed, no header is believed", () => {
    expect(connectionAddress(new Headers({ [CONNECTION_ADDRESS_HEADER]: "anything 203.0.113.7" }))).toBeNull();
  });

  describe("with the hook installed", () => {
    beforeAll(async () => {
      installConnectionAddressStamp();
      // Installing twice is harmless (instrumentation may run more than once in development).
      installConnectionAddressStamp();
      server = http.createServer((request, response) => response.end(seenBy(request)));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    test("the server sees the socket's address", async () => {
      expect(await get("127.0.9.1")).toBe("127.0.9.1");
      expect(await get("127.0.10.2")).toBe("127.0.10.2");
    });

    test("a client cannot choose its address: its own stamp header and X-Forwarded-For are overwritten or ignored", async () => {
      const forged = { [CONNECTION_ADDRESS_HEADER]: "guess 203.0.113.7", "x-forwarded-for": "198.51.100.1", "x-real-ip": "198.51.100.2" };
      expect(await get("127.0.9.3", forged)).toBe("127.0.9.3");
    });

    test("a header written by anything but this process's hook is refused, as is a stamp without an address", () => {
      expect(connectionAddress(new Headers({ [CONNECTION_ADDRESS_HEADER]: "AAAAAAAAAAAAAAAAAAAAAAAA 203.0.113.7" }))).toBeNull();
      expect(connectionAddress(new Headers({ [CONNECTION_ADDRESS_HEADER]: "203.0.113.7" }))).toBeNull();
      expect(connectionAddress(new Headers())).toBeNull();
      const request = { headers: {}, socket: {} };
      stampConnectionAddress(request);
      expect(connectionAddress(new Headers(request.headers))).toBeNull();
      const stamped = { headers: {}, socket: { remoteAddress: "::ffff:198.51.100.9" } };
      stampConnectionAddress(stamped);
      expect(connectionAddress(new Headers(stamped.headers))).toBe("::ffff:198.51.100.9");
    });
  });
});
