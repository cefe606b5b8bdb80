import { describe, expect, it } from "vitest";
import { safeRedirectPath, safeRedirectUrl } from "@/lib/auth/redirect";

/** What a browser would do with a Location header: resolve it against the page it is on. */
const landsOn = (location: string) => new URL(location, "https://runsheet.example.com/sign-in").host;

describe("safeRedirectPath", () => {
  it.each([
    ["/releases/1", "/releases/1"],
    ["/customers?cluster=2&sort=name", "/customers?cluster=2&sort=name"],
    ["/releases/1/matrix#step-3", "/releases/1/matrix#step-3"],
    ["/a/../b", "/b"],
  ])("keeps a same-origin path %s", (raw, expected) => {
    expect(safeRedirectPath(raw)).toBe(expected);
  });

  it.each([
    "/\\evil.example/", // the probe's /%5Cevil.example/ after URL decoding
    "\\\\evil.example",
    "/\t/evil.example/", // the probe's /%09/evil.example/
    "/\n/evil.example",
    "/\r/evil.example",
    "/\u0000/evil.example",
    "/ /evil.example",
    "/\u2028/evil.example",
    "//evil.example",
    "///evil.example",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
    "/%2F/evil.example".replace("%2F", "/"),
  ])("refuses %j", (raw) => {
    const result = safeRedirectPath(raw);
    expect(result).toBe("/");
    expect(landsOn(result)).toBe("runsheet.example.com");
  });

  it("refuses non-strings and over-long values", () => {
    expect(safeRedirectPath(undefined)).toBe("/");
    expect(safeRedirectPath(["/x"])).toBe("/");
    expect(safeRedirectPath(`/${"a".repeat(3000)}`)).toBe("/");
  });

  it("never yields a location that leaves the site, whatever the input", () => {
    const pieces = ["/", "\\", "//", "\t", "%09", "%5C", "evil.example", ".", "..", "@", ":", "?", "#", " ", "\u3000"];
    for (let i = 0; i < 4000; i++) {
      let raw = "";
      for (let j = 0; j < 5; j++) raw += pieces[(i * 7 + j * 13 + ((i >> j) & 3)) % pieces.length];
      expect(landsOn(safeRedirectPath(raw)), JSON.stringify(raw)).toBe("runsheet.example.com");
      expect(landsOn(safeRedirectPath(decodeURIComponent(raw.replace(/%(?![0-9A-F]{2})/g, "%25")))), raw).toBe("runsheet.example.com");
    }
  });
});

describe("safeRedirectUrl (next-auth's redirect callback)", () => {
  const base = "https://runsheet.example.com";
  it("keeps our own absolute URLs and paths", () => {
    expect(safeRedirectUrl(`${base}/releases/2`, base)).toBe(`${base}/releases/2`);
    expect(safeRedirectUrl("/releases/2", base)).toBe(`${base}/releases/2`);
  });
  it("sends anything else home", () => {
    expect(safeRedirectUrl("https://evil.example/x", base)).toBe(`${base}/`);
    expect(safeRedirectUrl("/\\evil.example/", base)).toBe(`${base}/`);
    expect(safeRedirectUrl("https://runsheet.example.com.evil.example/", base)).toBe(`${base}/`);
  });
});
