import { describe, expect, it } from "vitest";
import { daysBetween, formatAbsolute, formatDay, formatRelative } from "@/lib/time/format";

const LA = "America/Los_Angeles";

describe("one way to show a moment", () => {
  // 2026-12-02 05:29 UTC is 2026-12-01 21:29 in Los Angeles.
  const at = new Date("2026-12-02T05:29:00Z");

  it("absolute: day month year, 24-hour time and the zone named, in the viewer's zone", () => {
    expect(formatAbsolute(at, LA)).toBe("1 Dec 2026, 21:29 PST");
    expect(formatAbsolute(at, "UTC")).toBe("2 Dec 2026, 05:29 UTC");
  });

  it("relative: minutes, then today / yesterday / weekday / date, by the viewer's calendar", () => {
    expect(formatRelative(at, new Date("2026-12-02T05:29:20Z"), LA)).toBe("just now");
    expect(formatRelative(at, new Date("2026-12-02T05:32:00Z"), LA)).toBe("3 min ago");
    expect(formatRelative(at, new Date("2026-12-02T07:00:00Z"), LA)).toBe("today 21:29"); // still 1 Dec in LA
    expect(formatRelative(at, new Date("2026-12-02T07:00:00Z"), "Europe/Berlin")).toBe("today 06:29");
    expect(formatRelative(at, new Date("2026-12-02T09:00:00Z"), LA)).toBe("yesterday 21:29"); // 2 Dec 01:00 in LA
    expect(formatRelative(at, new Date("2026-12-05T12:00:00Z"), LA)).toBe("Tue 21:29");
    expect(formatRelative(at, new Date("2026-12-20T12:00:00Z"), LA)).toBe("1 Dec 21:29");
    expect(formatRelative(at, new Date("2027-02-20T12:00:00Z"), LA)).toBe("1 Dec 2026");
  });

  it("calendar dates are the same day everywhere", () => {
    expect(formatDay("2026-12-01")).toBe("1 Dec 2026");
    expect(daysBetween("2026-11-12", "2026-12-02")).toBe(20);
  });
});
