import { describe, expect, it } from "vitest";
import { ago, staleEdit } from "@/lib/domain/shared/conflict";

describe("conflict answers", () => {
  const now = new Date("2026-12-02T12:00:00Z");
  const before = (s: number) => new Date(now.getTime() - s * 1000);

  it("say how long ago in words that hold in every time zone", () => {
    expect(ago(before(5), now)).toBe("just now");
    expect(ago(before(60), now)).toBe("1 minute ago");
    expect(ago(before(60 * 7), now)).toBe("7 minutes ago");
    expect(ago(before(3600 * 2), now)).toBe("2 hours ago");
    expect(ago(before(3600 * 26), now)).toBe("yesterday");
    expect(ago(before(3600 * 24 * 4), now)).toBe("4 days ago");
    expect(ago(new Date(now.getTime() + 5000), now)).toBe("just now"); // clocks a little apart
  });

  it("name who and when, and that nothing was overwritten", () => {
    expect(staleEdit({ subject: "This step", by: "Sam Shipper", at: before(120), now }).message).toBe(
      "This step was changed by Sam Shipper 2 minutes ago. Nothing was overwritten: reload to see the latest.",
    );
    expect(staleEdit({ subject: '"Deploy"', by: null, at: null, removed: true, now })).toMatchObject({
      code: "conflict",
      message: '"Deploy" was removed by someone else. Nothing was overwritten: reload to see the latest.',
    });
  });
});
