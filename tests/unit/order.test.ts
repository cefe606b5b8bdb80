import { describe, expect, it } from "vitest";
import {
  compareSteps,
  isCrowded,
  MIN_GAP,
  neighbours,
  orderBetween,
  planRenumber,
  type OrderedStep,
} from "@/lib/domain/steps/model/ordering";

const t = (id: number, orderIndex: number): OrderedStep => ({ id, orderIndex, isCustom: false });
const c = (id: number, orderIndex: number): OrderedStep => ({ id, orderIndex, isCustom: true });

describe("orderBetween", () => {
  it("takes the midpoint of two neighbours", () => {
    expect(orderBetween(1, 2)).toBe(1.5);
    expect(orderBetween(1, 1.5)).toBe(1.25);
  });

  it("stays inside the integer window at either end, never on an integer", () => {
    expect(orderBetween(2, undefined)).toBe(2.5);
    expect(orderBetween(2.5, undefined)).toBe(2.75);
    expect(orderBetween(undefined, 0)).toBe(-0.5);
    expect(orderBetween(undefined, -0.5)).toBe(-0.75);
    expect(orderBetween(undefined, undefined)).toBe(0.5);
  });

  it("gives up when the gap is too small to halve safely", () => {
    expect(orderBetween(1, 1 + MIN_GAP)).toBeUndefined();
    expect(orderBetween(2.9999999, undefined)).toBeUndefined();
  });
});

describe("neighbours", () => {
  const list = [t(1, 0), c(2, 0.5), t(3, 1)];
  it("finds the steps either side of a placement", () => {
    expect(neighbours(list, { where: "before", anchorId: 1 })).toEqual({ prev: undefined, next: 0 });
    expect(neighbours(list, { where: "after", anchorId: 1 })).toEqual({ prev: 0, next: 0.5 });
    expect(neighbours(list, { where: "after", anchorId: 3 })).toEqual({ prev: 1, next: undefined });
    expect(neighbours(list, { where: "end" })).toEqual({ prev: 1 });
    expect(neighbours([], { where: "end" })).toEqual({ prev: undefined });
  });
  it("refuses an anchor that is not in the list", () => {
    expect(() => neighbours(list, { where: "before", anchorId: 99 })).toThrow(RangeError);
  });
});

describe("planRenumber", () => {
  it("spreads each run of custom steps across its window and leaves template copies alone", () => {
    const list = [c(10, -0.9999999), c(11, -0.99999995), t(1, 0), c(12, 0.5), c(13, 0.5000001), t(2, 1), c(14, 1.9)];
    const plan = new Map(planRenumber(list).map((p) => [p.id, p.orderIndex]));
    expect(plan.has(1) || plan.has(2)).toBe(false);
    expect(plan.get(10)).toBeCloseTo(-2 / 3);
    expect(plan.get(11)).toBeCloseTo(-1 / 3);
    expect(plan.get(12)).toBeCloseTo(1 / 3);
    expect(plan.get(13)).toBeCloseTo(2 / 3);
    expect(plan.get(14)).toBe(1.5);
  });

  it("keeps order and removes crowding when applied", () => {
    const list = [t(1, 0), ...Array.from({ length: 40 }, (_, i) => c(100 + i, 0.5 + i * 1e-9)), t(2, 1)];
    expect(isCrowded(list)).toBe(true);
    const plan = new Map(planRenumber(list).map((p) => [p.id, p.orderIndex]));
    const after = list.map((s) => ({ ...s, orderIndex: plan.get(s.id) ?? s.orderIndex })).sort(compareSteps);
    expect(after.map((s) => s.id)).toEqual(list.map((s) => s.id));
    expect(isCrowded(after)).toBe(false);
  });

  it("numbers custom steps 0..1 when there are no template copies", () => {
    expect(planRenumber([c(1, 5), c(2, 5.0000001)])).toEqual([
      { id: 1, orderIndex: 1 / 3 },
      { id: 2, orderIndex: 2 / 3 },
    ]);
  });
});

describe("repeated inserts into one gap", () => {
  it("stay strictly ordered with renumbering, never colliding", () => {
    let list: OrderedStep[] = [t(1, 0), t(2, 1)];
    let renumbers = 0;
    for (let i = 0; i < 200; i++) {
      const id = 1000 + i;
      let { prev, next } = neighbours(list, { where: "after", anchorId: 1 });
      let at = orderBetween(prev, next);
      if (at === undefined) {
        renumbers++;
        const plan = new Map(planRenumber(list).map((p) => [p.id, p.orderIndex]));
        list = list.map((s) => ({ ...s, orderIndex: plan.get(s.id) ?? s.orderIndex })).sort(compareSteps);
        ({ prev, next } = neighbours(list, { where: "after", anchorId: 1 }));
        at = orderBetween(prev, next);
      }
      expect(at).toBeDefined();
      list = [...list, c(id, at!)].sort(compareSteps);
    }
    expect(renumbers).toBeGreaterThan(0);
    // Newest insert sits right after step 1; the oldest right before step 2.
    expect(list.map((s) => s.id)).toEqual([1, ...Array.from({ length: 200 }, (_, i) => 1199 - i), 2]);
    expect(new Set(list.map((s) => s.orderIndex)).size).toBe(list.length);
  });
});
