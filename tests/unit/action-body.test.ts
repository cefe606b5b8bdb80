import { describe, expect, it } from "vitest";
import { craftedReference, judgeActionBody } from "@/lib/runtime/action-body";

const text = (value: unknown) => judgeActionBody("text/plain;charset=UTF-8", new TextEncoder().encode(JSON.stringify(value)).buffer as ArrayBuffer);
const multipart = (parts: Record<string, string>) => {
  const body = Object.entries(parts)
    .map(([name, value]) => `--rs-test-boundary\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join("");
  return judgeActionBody("multipart/form-data; boundary=rs-test-boundary", new TextEncoder().encode(`${body}--rs-test-boundary--\r\n`).buffer as ArrayBuffer);
};

describe("server action bodies: React wire references", () => {
  it("refuses promises, server functions, collections and chunk references anywhere in the reply", async () => {
    for (const value of [["$@0"], [{ a: "$F1" }], [{ a: ["$h2"] }], [{ m: "$Q3" }], ["$W1"], ["$K1"], ["$1"], ["$T"], ["$B0"], ["$a"]]) {
      expect(await text(value), JSON.stringify(value)).toMatchObject({ ok: false, status: 400, message: expect.stringMatching(/unsupported data/) });
    }
  });

  it("lets through what this product's pages send: plain values, escaped dollars, dates, a form's root", async () => {
    const sent = [{ stepId: 1, notes: "$$5 saved", when: "$D2026-12-07T10:00:00.000Z", gone: "$undefined", n: "$NaN", big: "$n12", neg: "$-0", inf: "$-Infinity" }];
    expect(await text(sent)).toEqual({ ok: true });
    expect(craftedReference(["$K1"], true)).toBeNull();
    expect(await multipart({ "0": '["$K1"]', "1_name": "$@0 is only text in a form field", "1_version": "3" })).toEqual({ ok: true });
    expect(await multipart({ "0": '["$@1"]' })).toMatchObject({ ok: false, status: 400 });
    expect(await multipart({ "0": "[not json" })).toMatchObject({ ok: false, status: 400 });
  });
});
