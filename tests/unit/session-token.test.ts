import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken, encodeSessionToken, sessionIdFromToken } from "@/lib/auth/session-token";

const secret = "unit-test-secret-unit-test-secret-0123456789";

describe("session token", () => {
  it("reads what next-auth writes and next-auth reads what it writes (sessions survive the switch)", async () => {
    const theirs = await encode({ token: { sid: "abc", name: "Ada" }, secret });
    expect(await sessionIdFromToken(theirs, secret)).toBe("abc");
    const ours = await encodeSessionToken({ token: { sid: "xyz" }, secret });
    expect((await decode({ token: ours, secret }))?.sid).toBe("xyz");
    expect((await decodeSessionToken({ token: ours, secret }))?.sid).toBe("xyz");
  });

  it("refuses a forged, tampered, foreign or expired token", async () => {
    expect(await sessionIdFromToken("anything", secret)).toBeNull();
    expect(await sessionIdFromToken(undefined, secret)).toBeNull();
    const good = await encodeSessionToken({ token: { sid: "abc" }, secret });
    const tampered = good.slice(0, -4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await sessionIdFromToken(tampered, secret)).toBeNull();
    expect(await sessionIdFromToken(good, "another-secret-another-secret-0123456789")).toBeNull();
    const expired = await encodeSessionToken({ token: { sid: "abc" }, secret, maxAge: -60 });
    expect(await sessionIdFromToken(expired, secret)).toBeNull();
  });

  it("needs a sid in the token", async () => {
    const noSid = await encodeSessionToken({ token: { name: "Ada" }, secret });
    expect(await sessionIdFromToken(noSid, secret)).toBeNull();
  });
});
