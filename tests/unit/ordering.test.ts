import { describe, expect, it } from "vitest";
import { applyMapping, insertPlan, isPermutation, moveItem, removePlan, reorderPlan } from "@/lib/domain/templates/model/ordering";

const steps = (...ids: number[]) => ids.map((id, orderIndex) => ({ id, orderIndex }));

describe("moveItem", () => {
  it("moves an element up and down and ignores out-of-range moves", () => {
    expect(moveItem(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(moveItem(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveItem(["a", "b", "c"], 0, 3)).toEqual(["a", "b", "c"]);
    expect(moveItem(["a", "b", "c"], -1, 0)).toEqual(["a", "b", "c"]);
  });
});

describe("isPermutation", () => {
  it("accepts exactly the same set and refuses missing, extra and duplicate ids", () => {
    expect(isPermutation([1, 2, 3], [3, 1, 2])).toBe(true);
    expect(isPermutation([1, 2, 3], [1, 2])).toBe(false);
    expect(isPermutation([1, 2, 3], [1, 2, 4])).toBe(false);
    expect(isPermutation([1, 2, 3], [1, 1, 2])).toBe(false);
  });
});

describe("reorderPlan", () => {
  it("numbers the new order 0, 1, 2… and maps only the integers that moved", () => {
    const plan = reorderPlan(steps(10, 11, 12), [12, 10, 11]);
    expect(plan.assignments).toEqual([
      { id: 12, orderIndex: 0 },
      { id: 10, orderIndex: 1 },
      { id: 11, orderIndex: 2 },
    ]);
    expect(plan.mapping).toEqual([
      { old: 2, new: 0, span: 1 },
      { old: 0, new: 1, span: 1 },
      { old: 1, new: 2, span: 1 },
    ]);
  });

  it("compacts a list with holes", () => {
    const plan = reorderPlan([{ id: 1, orderIndex: 0 }, { id: 2, orderIndex: 4 }], [1, 2]);
    expect(plan.assignments.map((a) => a.orderIndex)).toEqual([0, 1]);
    expect(plan.mapping).toEqual([{ old: 4, new: 1, span: 1 }]);
  });
});

describe("insertPlan", () => {
  it("appends by default, goes first with null, and after a given step otherwise", () => {
    const current = steps(1, 2, 3);
    expect(insertPlan(current, undefined)).toMatchObject({ orderIndex: 3, mapping: [] });
    const first = insertPlan(current, null);
    expect(first).toMatchObject({ orderIndex: 0 });
    if (!("error" in first)) expect(first.assignments.map((a) => a.orderIndex)).toEqual([1, 2, 3]);
    const middle = insertPlan(current, 1);
    expect(middle).toMatchObject({ orderIndex: 1, mapping: [{ old: 1, new: 2, span: 1 }, { old: 2, new: 3, span: 1 }] });
    expect(insertPlan(current, 99)).toEqual({ error: "unknown_after" });
    expect(insertPlan([], undefined)).toMatchObject({ orderIndex: 0, assignments: [] });
  });
});

describe("removePlan", () => {
  it("closes the gap and parks what stays behind half-way after the previous step", () => {
    const plan = removePlan(steps(1, 2, 3, 4), 2);
    expect(plan.assignments).toEqual([
      { id: 1, orderIndex: 0 },
      { id: 3, orderIndex: 1 },
      { id: 4, orderIndex: 2 },
    ]);
    expect(plan.mapping).toContainEqual({ old: 0, new: 0, span: 0.5 });
    expect(plan.mapping).toContainEqual({ old: 1, new: 0.5, span: 0.5 });
    expect(plan.mapping).toContainEqual({ old: 2, new: 1, span: 1 });
  });
});

describe("applyMapping", () => {
  it("moves copies with their template and keeps custom steps right after the step they followed", () => {
    const plan = reorderPlan(steps(10, 11, 12), [12, 10, 11]);
    expect(applyMapping(0, plan.mapping)).toBe(1); // copy of step 10
    expect(applyMapping(0.5, plan.mapping)).toBe(1.5); // custom step after 10
    expect(applyMapping(2, plan.mapping)).toBe(0); // copy of 12
    expect(applyMapping(-0.5, plan.mapping)).toBe(-0.5); // before everything: unchanged
  });

  it("keeps the order of everything after a removal, without collisions", () => {
    const plan = removePlan(steps(1, 2, 3), 2);
    const before = [0, 0.5, 1, 1.5, 2, 2.5];
    const after = before.map((o) => applyMapping(o, plan.mapping));
    expect(after).toEqual([0, 0.25, 0.5, 0.75, 1, 1.5]);
    expect(new Set(after).size).toBe(after.length);
    expect([...after].sort((a, b) => a - b)).toEqual(after);
  });
});
