import { expect, test, type Locator, type Page } from "@playwright/test";
import { createRollout } from "./support/fixtures";
import { storageState } from "./support/users";

/* Finding things (issue "First hour"): the command palette, the lists' search fields, and the
 * releases list's cluster filter (FC-006). */

const palette = (page: Page) => page.getByRole("dialog", { name: "Search" });
const paletteInput = (page: Page) => palette(page).getByRole("combobox", { name: /^Search customers/ });

/**
 * Acts (a shortcut, a click) until `focused` has focus: keys and clicks are handled once the page
 * has hydrated, which a server-rendered heading being visible does not promise.
 */
async function until(focused: Locator, act: () => Promise<void>) {
  await expect(async () => {
    const done = await focused.evaluate((el) => el === document.activeElement, undefined, { timeout: 500 }).catch(() => false);
    if (!done) await act();
    await expect(focused).toBeFocused({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
}
const pressShortcut = (page: Page, key: string, focused: Locator) => until(focused, () => page.keyboard.press(key));

test.describe("as a viewer", () => {
  test.use({ storageState: storageState("viewer") });

  test("Ctrl+K opens the palette; a seeded namespace finds its customer; Enter goes there", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
    const input = paletteInput(page);
    await pressShortcut(page, "Control+k", input);

    await input.fill("cust-b-prod");
    const option = palette(page).getByRole("group", { name: "Customers" }).getByRole("option", { name: /customer-b/ });
    await expect(option).toBeVisible();
    // The first result is active and announced through the input (focus never leaves it).
    await expect(option).toHaveAttribute("aria-selected", "true");
    await expect(input).toHaveAttribute("aria-expanded", "true");
    await expect(input).toHaveAttribute("aria-activedescendant", (await option.getAttribute("id")) ?? "missing");

    await input.press("Enter");
    await expect(page).toHaveURL(/\/customers\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("customer-b");
    await expect(palette(page)).toBeHidden();
  });

  test("arrows move across groups, Esc closes, nothing found says so", async ({ page }) => {
    await page.goto("/clusters");
    const input = paletteInput(page);
    await until(input, () => page.getByRole("button", { name: "Search", exact: true }).click());
    await input.fill("prod");
    await expect(palette(page).getByRole("group", { name: "Customers" })).toBeVisible();
    await expect(palette(page).getByRole("group", { name: "Clusters" }).getByRole("option", { name: /prod-us/ })).toBeVisible();
    const options = palette(page).getByRole("option");
    await expect(options.first()).toHaveAttribute("aria-selected", "true");
    await input.press("ArrowDown");
    await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
    await expect(options.first()).toHaveAttribute("aria-selected", "false");
    await input.press("ArrowUp");
    await input.press("ArrowUp"); // wraps to the last one
    await expect(options.last()).toHaveAttribute("aria-selected", "true");

    await input.fill("no-such-thing-anywhere");
    await expect(palette(page).getByRole("status")).toHaveText("No matches");
    await expect(palette(page).getByRole("listbox")).toHaveCount(0);
    await expect(input).toHaveAttribute("aria-expanded", "false");

    await page.keyboard.press("Escape");
    await expect(palette(page)).toBeHidden();
    await expect(page).toHaveURL(/\/clusters$/);
  });

  test("/ focuses the customers page's own search; elsewhere it opens the palette", async ({ page }) => {
    await page.goto("/customers");
    await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
    const search = page.getByRole("searchbox", { name: "Search customers" });
    await pressShortcut(page, "/", search);
    await expect(palette(page)).toBeHidden();

    // The search lands in the URL, filters by namespace, and survives a reload.
    await page.keyboard.type("cust-b");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/customers\?q=cust-b$/);
    await expect(page.getByRole("link", { name: "customer-b", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "customer-a", exact: true })).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole("searchbox", { name: "Search customers" })).toHaveValue("cust-b");
    await expect(page.getByRole("link", { name: "customer-b", exact: true })).toBeVisible();

    // Nothing matched: the empty state says so and offers to clear the search.
    await page.goto("/customers?q=no-such-customer");
    await expect(page.getByText("No customers match “no-such-customer”")).toBeVisible();
    await page.getByRole("main").getByRole("link", { name: "Clear search" }).last().click();
    await expect(page).toHaveURL(/\/customers$/);
    await expect(page.getByRole("link", { name: "customer-a", exact: true })).toBeVisible();

    // A page without its own search: "/" opens the palette.
    await page.goto("/clusters");
    await expect(page.getByRole("heading", { name: "Clusters", level: 1 })).toBeVisible();
    await pressShortcut(page, "/", paletteInput(page));
  });
});

test.describe("as an admin", () => {
  test.use({ storageState: storageState("admin") });

  test("the releases list filters by cluster, kept with the other filters", async ({ page }) => {
    const rollout = await createRollout(page, { label: "pal", customers: 1, steps: [{ name: "Deploy", content: "echo deploy" }] });
    await page.goto("/releases");
    await expect(page.getByRole("link", { name: "v2.4.0", exact: true }).first()).toBeVisible();

    await page.getByLabel(/^cluster$/i).selectOption({ label: rollout.cluster.name });
    await expect(page).toHaveURL(new RegExp(`/releases\\?cluster=${rollout.cluster.id}$`));
    await expect(page.getByRole("link", { name: rollout.release.name, exact: true })).toBeVisible();
    // v2.4.0 was archived before this cluster's customer existed: it never included it.
    await expect(page.getByRole("link", { name: "v2.4.0", exact: true })).toHaveCount(0);

    // Status chips keep the cluster; the search keeps both.
    await page.getByRole("navigation", { name: "Filter by status" }).getByRole("link", { name: "Archived" }).click();
    await expect(page).toHaveURL(new RegExp(`status=archived&cluster=${rollout.cluster.id}$`));
    await expect(page.getByText("No releases match these filters")).toBeVisible();
    await page.goto(`/releases?cluster=${rollout.cluster.id}`);
    await page.getByRole("searchbox", { name: "Search releases" }).fill(rollout.release.name);
    await page.getByRole("searchbox", { name: "Search releases" }).press("Enter");
    await expect(page).toHaveURL(/\?q=.+&cluster=\d+$/);
    await expect(page.getByRole("link", { name: rollout.release.name, exact: true })).toBeVisible();

    // An unknown cluster is ignored, with a note.
    await page.goto("/releases?cluster=999999");
    await expect(page.getByText("That cluster no longer exists; showing releases on all clusters.")).toBeVisible();
    await expect(page.getByRole("link", { name: "v2.4.0", exact: true }).first()).toBeVisible();
  });
});
