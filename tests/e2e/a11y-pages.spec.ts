import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { everyPage, settled } from "./support/pages";
import { storageState } from "./support/users";

/*
 * axe-core on every page (WCAG 2.x A/AA rules): no serious or critical violation, in both themes,
 * on a desktop and a phone. Signed in as an admin, who sees every page and every button.
 */
test.use({ storageState: storageState("admin") });

async function serious(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${page.url()} ${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")})`,
    );
}

const screens = [
  { name: "desktop", viewport: { width: 1440, height: 900 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

for (const theme of ["light", "dark"] as const) {
  for (const screen of screens) {
    test.describe(`${theme}, ${screen.name}`, () => {
      test.use({ viewport: screen.viewport });

      test("every page", async ({ page, context }) => {
        test.setTimeout(180_000); // ~25 pages, each with axe: 60–100 s here
        // The user's choice, as the in-app switch stores it (not only the system's scheme).
        await context.addCookies([
          { name: "theme", value: theme, url: new URL("/", page.url() === "about:blank" ? test.info().project.use.baseURL! : page.url()).href },
        ]);
        const found: string[] = [];
        // The console stays clean on every page: no error, no CSP violation (issue 25 found a
        // Node polyfill in /webhooks' bundle that the CSP refused on every visit).
        const consoleErrors: string[] = [];
        page.on("console", (m) => {
          if (m.type() !== "error" && m.type() !== "warning") return;
          // The one expected: the document of /no-such-page answers 404.
          if (/status of 404/.test(m.text()) && new URL(page.url()).pathname === "/no-such-page") return;
          consoleErrors.push(`${page.url()} ${m.type()}: ${m.text().slice(0, 200)}`);
        });
        page.on("pageerror", (e) => consoleErrors.push(`${page.url()} uncaught: ${e.message.slice(0, 200)}`));
        for (const path of await everyPage(page, { admin: true })) {
          await page.goto(path);
          await settled(page);
          await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
          found.push(...(await serious(page)));
        }
        if (screen.name === "phone") {
          await page.goto("/");
          await page.getByRole("button", { name: "Menu" }).click();
          found.push(...(await serious(page)));
        }
        expect(found).toEqual([]);
        expect(consoleErrors).toEqual([]);
      });
    });
  }
}
