import { describe, expect, it } from "vitest";
import { metadataFromPairs } from "@/lib/domain/shared/input";

describe("metadata pairs", () => {
  it("keeps filled pairs and drops keys left without a value (the editor pre-fills suggested keys)", () => {
    expect(metadataFromPairs(["tier", "region", ""], ["", "eu-west-1", ""])).toEqual({ ok: true, value: { region: "eu-west-1" } });
  });
  it("still refuses a value without a key, a reserved key and a key given twice", () => {
    expect(metadataFromPairs([""], ["orphan"])).toMatchObject({ ok: false, message: 'Metadata value "orphan" needs a key.' });
    expect(metadataFromPairs(["constructor"], ["x"])).toMatchObject({ ok: false, message: expect.stringContaining('"constructor" is reserved') });
    expect(metadataFromPairs(["a", "a"], ["1", "2"])).toMatchObject({ ok: false, message: 'Metadata key "a" appears twice.' });
  });
});
