import { describe, expect, it } from "vitest";
import { parseThemeMode, parseTimeZone } from "@/components/shell/theme";

describe("cookies the browser sets for the server", () => {
  it("theme: light, dark or system; anything else is system", () => {
    expect(parseThemeMode("dark")).toBe("dark");
    expect(parseThemeMode("light")).toBe("light");
    expect(parseThemeMode("purple")).toBe("system");
    expect(parseThemeMode(undefined)).toBe("system");
  });

  it("time zone: a zone the runtime knows, or none (the page then renders in UTC until the browser redraws it)", () => {
    expect(parseTimeZone("America/Los_Angeles")).toBe("America/Los_Angeles");
    expect(parseTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(parseTimeZone("Mars/Olympus_Mons")).toBeUndefined();
    expect(parseTimeZone("<script>")).toBeUndefined();
    expect(parseTimeZone("x".repeat(200))).toBeUndefined();
    expect(parseTimeZone(undefined)).toBeUndefined();
  });
});
