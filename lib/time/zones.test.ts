import { describe, expect, test } from "vitest";
import { TimeZoneSchema } from "./zone-schema";
import { dayIn, instantOfLocal, isTimeZone, knownZone, localInputValue, TIME_ZONES, utcDaysCovering } from "./zones";

describe("time zones", () => {
  test("only IANA zones the runtime knows are accepted, UTC among them; free text is refused", () => {
    expect(TIME_ZONES[0]).toBe("UTC");
    expect(isTimeZone("Asia/Almaty")).toBe(true);
    expect(isTimeZone("Europe/Moscow")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(TimeZoneSchema.safeParse("UTC+5").success).toBe(false);
    expect(TimeZoneSchema.safeParse("").success).toBe(false);
    expect(knownZone("Mars/Olympus")).toBe("UTC");
    expect(knownZone(null)).toBe("UTC");
  });

  test("today in Almaty (UTC+5) begins at 19:00Z the day before", () => {
    const late = new Date("2026-12-07T21:00:00Z");
    expect(dayIn(late, "Asia/Almaty")).toEqual(new Date("2026-12-08T00:00:00Z"));
    expect(dayIn(late, "UTC")).toEqual(new Date("2026-12-07T00:00:00Z"));
    expect(dayIn(new Date("2026-12-07T02:00:00Z"), "America/New_York")).toEqual(new Date("2026-12-06T00:00:00Z"));
  });

  test("10:30 typed in Almaty is 05:30Z, and shows 10:30 there and 08:30 in Moscow", () => {
    const moment = instantOfLocal("2026-12-08T10:30", "Asia/Almaty");
    expect(moment).toEqual(new Date("2026-12-08T05:30:00Z"));
    expect(localInputValue(moment!, "Asia/Almaty")).toBe("2026-12-08T10:30");
    expect(localInputValue(moment!, "Europe/Moscow")).toBe("2026-12-08T08:30");
    expect(instantOfLocal("2026-12-08T10:30", "UTC")).toEqual(new Date("2026-12-08T10:30:00Z"));
  });

  test("across a change of clocks, a wall-clock time still names the moment it does on that day", () => {
    // Berlin: CET (+1) in winter, CEST (+2) from 29 March 2026.
    expect(instantOfLocal("2026-03-28T10:00", "Europe/Berlin")).toEqual(new Date("2026-03-28T09:00:00Z"));
    expect(instantOfLocal("2026-03-30T10:00", "Europe/Berlin")).toEqual(new Date("2026-03-30T08:00:00Z"));
    // 02:30 does not exist that night: it lands after the change, at 03:30 CEST.
    expect(instantOfLocal("2026-03-29T02:30", "Europe/Berlin")).toEqual(new Date("2026-03-29T01:30:00Z"));
  });

  test("the UTC days a reader's days overlap: a day earlier east of UTC, a day later west of it", () => {
    const [from, to] = [new Date("2026-12-08T00:00:00Z"), new Date("2026-12-15T00:00:00Z")];
    expect(utcDaysCovering(from, to, "Asia/Almaty")).toEqual({ from: new Date("2026-12-07T00:00:00Z"), to });
    expect(utcDaysCovering(from, to, "UTC")).toEqual({ from, to });
    expect(utcDaysCovering(from, to, "America/New_York")).toEqual({ from, to: new Date("2026-12-16T00:00:00Z") });
  });

  test("a date that does not exist is refused", () => {
    expect(instantOfLocal("2026-02-30T10:00", "UTC")).toBeNull();
    expect(instantOfLocal("2026-12-08 10:30", "UTC")).toBeNull();
  });
});
