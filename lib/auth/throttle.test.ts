import { describe, expect, test } from "vitest";
import { ACCOUNT_FREE_FAILURES, ACCOUNT_NETWORK_FREE_FAILURES, lockSeconds, NETWORK_FREE_FAILURES, throttleKeys } from "./throttle";

describe("throttle delays", () => {
  test("an account gets 5 free failures from one network and 50 from all together; a network gets 30 across accounts", () => {
    expect(ACCOUNT_NETWORK_FREE_FAILURES).toBe(5);
    expect(ACCOUNT_FREE_FAILURES).toBe(50);
    expect(NETWORK_FREE_FAILURES).toBe(30);
  });

  test("no wait before the allowance is used up, then 30 s doubling per failure up to 15 min", () => {
    expect([1, 2, 3, 4].map((n) => lockSeconds(n, 5))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 12, 50].map((n) => lockSeconds(n, 5))).toEqual([30, 60, 120, 240, 480, 900, 900, 900, 900]);
    expect(lockSeconds(29, 30)).toBe(0);
    expect(lockSeconds(30, 30)).toBe(30);
  });

  test("keys are HMACs that name neither the e-mail nor the network, and ignore e-mail case", () => {
    const keys = throttleKeys("Maria.Ivanova@ngo.example", "203.0.113.0/24");
    expect(keys.accountNetwork).toMatch(/^an:[A-Za-z0-9_-]{43}$/);
    expect(keys.account).toMatch(/^a:[A-Za-z0-9_-]{43}$/);
    expect(keys.network).toMatch(/^n:[A-Za-z0-9_-]{43}$/);
    expect(`${keys.accountNetwork}${keys.account}${keys.network}`.toLowerCase()).not.toMatch(/maria|ngo|203\.0/);
    expect(throttleKeys("maria.ivanova@ngo.example", "203.0.113.0/24")).toEqual(keys);
  });

  test("the account keeps its key across networks; the account-and-network key does not", () => {
    const here = throttleKeys("maria@ngo.example", "203.0.113.0/24");
    const there = throttleKeys("maria@ngo.example", "198.51.100.0/24");
    expect(there.account).toBe(here.account);
    expect(there.accountNetwork).not.toBe(here.accountNetwork);
    expect(there.network).not.toBe(here.network);
    // Another account on the same network shares only the network's key.
    const neighbour = throttleKeys("ivan@ngo.example", "203.0.113.0/24");
    expect(neighbour.network).toBe(here.network);
    expect([neighbour.account, neighbour.accountNetwork]).not.toContain(here.account);
  });

  test("an unknown network is not counted as a network (no trustworthy address to count)", () => {
    expect(throttleKeys("maria@ngo.example", "unknown").network).toBeNull();
  });
});
