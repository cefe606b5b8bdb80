import { describe, expect, it } from "vitest";
import { buildBurndown } from "@/lib/domain/releases/model/burndown";

const names = new Map([
  [1, "prod-us"],
  [2, "prod-eu"],
]);

describe("burndown series", () => {
  it("counts steps left per day: created adds, done or skipped takes off, a revert puts back", () => {
    const b = buildBurndown(
      [
        { day: "2026-11-01", category: "deploy", clusterId: 1, delta: 4 },
        { day: "2026-11-01", category: "verify", clusterId: 2, delta: 2 },
        { day: "2026-11-02", category: "deploy", clusterId: 1, delta: -2 },
        { day: "2026-11-04", category: "deploy", clusterId: 1, delta: 1 }, // a revert
        { day: "2026-11-04", category: "verify", clusterId: 2, delta: -2 },
      ],
      names,
      { today: "2026-11-05", targetDate: "2026-11-06" },
    );
    expect(b.points).toEqual([
      { day: "2026-11-01", all: 6, deploy: 4, verify: 2 },
      { day: "2026-11-02", all: 4, deploy: 2, verify: 2 },
      { day: "2026-11-03", all: 4, deploy: 2, verify: 2 },
      { day: "2026-11-04", all: 3, deploy: 3, verify: 0 },
      { day: "2026-11-05", all: 3, deploy: 3, verify: 0 },
    ]);
    expect(b.left).toBe(3);
    // 6 → 3 over 4 days: 0.75 a day; 3 left → 4 more days.
    expect(b.perDay).toBeCloseTo(0.75);
    expect(b.projected).toBe("2026-11-09");
    expect(b.clusters).toEqual([
      { id: 2, name: "prod-eu", left: 0, perDay: 0.5 },
      { id: 1, name: "prod-us", left: 3, perDay: 0.25 },
    ]);
  });

  it("projects nothing when nothing moved in the last week, or nothing is left", () => {
    const stalled = buildBurndown([{ day: "2026-11-01", category: "deploy", clusterId: 1, delta: 5 }], names, { today: "2026-11-20", targetDate: null });
    expect(stalled).toMatchObject({ left: 5, perDay: 0, projected: null });
    const finished = buildBurndown(
      [
        { day: "2026-11-01", category: "deploy", clusterId: 1, delta: 2 },
        { day: "2026-11-02", category: "deploy", clusterId: 1, delta: -2 },
      ],
      names,
      { today: "2026-11-03", targetDate: null },
    );
    expect(finished).toMatchObject({ left: 0, projected: null });
  });
});
