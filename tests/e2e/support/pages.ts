import { expect, type Page } from "@playwright/test";
import { demoRelease } from "./fixtures";

/**
 * Every page of the product, found through the demo seed's links (not its ids): the list the
 * phone and accessibility specs walk. Admin-only pages are included when `admin` is true.
 */
export async function everyPage(page: Page, { admin }: { admin: boolean }): Promise<string[]> {
  const demo = await demoRelease(page);
  const href = async (locator: ReturnType<Page["locator"]>) => {
    const value = await locator.first().getAttribute("href");
    expect(value, "a link to follow").toBeTruthy();
    return value!.split("#")[0];
  };
  await page.goto("/clusters");
  const cluster = await href(page.locator("a[href^='/clusters/']:not([href='/clusters/import'])"));
  await page.goto("/customers");
  const customer = await href(page.locator("a[href^='/customers/']"));
  await page.goto(demo.url);
  const templateEdit = await href(page.locator(`a[href^='/releases/${demo.id}/templates/'][href$='/edit']`));
  await page.goto(demo.matrix);
  const checklist = await href(page.locator(`a[href^='/releases/${demo.id}/customers/']`));
  const stepAcross = await href(page.locator(`a[href^='/releases/${demo.id}/steps/']`));
  return [
    "/",
    "/clusters",
    cluster,
    `${cluster}?sort=progress`,
    "/customers",
    "/customers?sort=progress",
    customer,
    "/releases",
    "/releases/new",
    "/releases/import",
    demo.url,
    `${demo.url}/edit`,
    templateEdit,
    `${demo.url}/templates/new?category=deploy`,
    `${demo.url}/manifests`,
    demo.matrix,
    `${demo.matrix}?category=verify`,
    checklist,
    stepAcross,
    "/account",
    "/tracks",
    ...(admin ? ["/audit", "/users", "/tracks/new", "/api-tokens", "/webhooks", "/clusters/import", "/manifest-repositories"] : []),
    "/no-such-page",
  ];
}

/**
 * The page has loaded and, inside the app, hydrated with its live-updates stream connected.
 * (Not "networkidle": the open event stream keeps the network busy for as long as the page lives.)
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  await page.waitForFunction(() => !document.querySelector("[data-live-root]") || document.documentElement.dataset.live === "on", null, { timeout: 15_000 });
}
