import { describe, expect, it } from "vitest";
import { appendOutput, OUTPUT_CAP, OUTPUT_HEAD, OUTPUT_TAIL } from "@/lib/domain/runs/model/output";

describe("a run's kept output", () => {
  it("keeps everything under the cap, in order", () => {
    let kept = { output: "", received: 0, cut: false };
    for (const chunk of ["a\n", "b\n", "c"]) kept = appendOutput(kept, chunk);
    expect(kept).toEqual({ output: "a\nb\nc", received: 5, cut: false });
  });

  it("past the cap keeps the head and the tail and says how much was cut, however many chunks follow", () => {
    let kept = { output: "", received: 0, cut: false };
    const line = (i: number) => `line ${String(i).padStart(6, "0")}\n`; // 12 characters
    let total = 0;
    // Chunks as an agent sends them (a few hundred lines at a time).
    for (let i = 0; i < 60_000; i += 300) {
      const chunk = Array.from({ length: 300 }, (_, k) => line(i + k)).join("");
      kept = appendOutput(kept, chunk);
      total += chunk.length;
    }
    expect(kept.cut).toBe(true);
    expect(kept.received).toBe(total);
    expect(kept.output.length).toBeLessThan(OUTPUT_CAP + 200);
    expect(kept.output.startsWith(line(0))).toBe(true);
    expect(kept.output.endsWith(line(59_999))).toBe(true);
    const cut = total - OUTPUT_HEAD - OUTPUT_TAIL;
    expect(kept.output).toContain(`… ${cut.toLocaleString("en")} characters cut here`);
    expect(kept.output.match(/characters cut here/g)).toHaveLength(1);
  });
});
