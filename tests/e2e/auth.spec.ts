import { devices, expect, test, type Browser, type Page } from "@playwright/test";
import { demo, storageState } from "./support/users";

const unique = (label: string) => `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@e2e.test`;
/** A made-up client address per test, so throttling in one test never locks out another. */
const address = () => `203.0.113.${Math.floor(Math.random() * 254) + 1}`;

async function freshContext(browser: Browser) {
  return browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": address() } });
}

/** The form's alert (Next's route announcer also has role="alert"). */
const formAlert = (page: Page) => page.locator('[role="alert"]:not(#__next-route-announcer__)');

async function signInAs(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("sign in, sign out, and the old session cookie no longer works", async ({ browser }) => {
  const context = await freshContext(browser);
  const page = await context.newPage();
  await signInAs(page, demo.sam.email, demo.sam.password);
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText(demo.sam.name);
  const before = (await context.cookies()).filter((c) => c.name.includes("session-token"));
  expect(before).toHaveLength(1);
  expect(before[0]).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/releases");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Freleases/);

  // Replaying the cookie from before sign-out: the server revoked that session.
  await context.addCookies(before);
  await page.goto("/releases");
  await expect(page).toHaveURL(/\/sign-in/);
  await context.close();
});

test("a wrong password is refused without saying which part was wrong", async ({ browser }) => {
  const context = await freshContext(browser);
  const page = await context.newPage();
  await signInAs(page, demo.rm.email, "not-the-password");
  await expect(formAlert(page)).toHaveText("That email and password don't match an active account.");
  await expect(page).toHaveURL(/\/sign-in/);
  await context.close();
});

test("an address that keeps failing is refused with a clear message, whichever accounts it tries", async ({ browser }) => {
  const context = await freshContext(browser);
  const page = await context.newPage();
  await page.goto("/sign-in");
  for (let i = 1; i <= 11; i++) {
    // A different account each time: the per-account slowdown never applies, the address limit does.
    await page.getByLabel("Email").fill(unique(`guess-${i}`));
    await page.getByLabel("Password").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    const expected = i <= 10 ? "don't match" : "Too many failed sign-ins from your network. Wait a minute, then try again.";
    await expect(formAlert(page)).toContainText(expected);
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  }
  await context.close();
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageState("viewer") });

  test("there are no admin links or controls, and admin pages show forbidden", async ({ page }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav).toContainText(demo.viewer.name);
    await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);
    for (const path of ["/users", "/audit", "/api-tokens"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/forbidden$/);
      await expect(page.getByRole("heading", { name: "You don't have permission to view this page" })).toBeVisible();
      await expect(page.getByRole("button", { name: /add user|disable/i })).toHaveCount(0);
    }
  });
});

/**
 * A forged call: the action id of "add user" is taken from the admin page's own JavaScript, then
 * posted the way React posts it (Next-Action header, arguments as JSON) from a signed-in browser.
 * The admin's request proves the forgery is well formed; the viewer's must come back forbidden.
 */
async function createUserActionId(page: Page): Promise<string> {
  await page.goto("/users");
  await expect(page.getByRole("button", { name: "Add user" })).toBeVisible();
  const id = await page.evaluate(async () => {
    const sources = [...document.scripts].map((s) => s.src).filter(Boolean);
    for (const src of sources) {
      const text = await (await fetch(src)).text();
      const match = /"([0-9a-f]{40,})",[^"]{0,120}"createUserAction"/.exec(text);
      if (match) return match[1];
    }
    return null;
  });
  expect(id, "the action id of createUserAction in the page's scripts").toBeTruthy();
  return id!;
}

async function forgeCreateUser(page: Page, actionId: string, email: string): Promise<string> {
  return page.evaluate(
    async ({ actionId, email }) => {
      const response = await fetch("/users", {
        method: "POST",
        headers: { "Next-Action": actionId, Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8" },
        body: JSON.stringify([{ name: "Forged", email, role: "admin", password: "forged-password-1" }]),
      });
      return response.text();
    },
    { actionId, email },
  );
}

test("a forged add-user call from a viewer is refused by the server", async ({ browser }) => {
  const admin = await browser.newContext({ storageState: storageState("admin") });
  const adminPage = await admin.newPage();
  const actionId = await createUserActionId(adminPage);

  const control = unique("forged-by-admin");
  expect(await forgeCreateUser(adminPage, actionId, control)).toContain('"ok":true');

  const viewer = await browser.newContext({ storageState: storageState("viewer") });
  const viewerPage = await viewer.newPage();
  await viewerPage.goto("/");
  const email = unique("forged-by-viewer");
  const answer = await forgeCreateUser(viewerPage, actionId, email);
  expect(answer).toContain('"code":"forbidden"');
  expect(answer).not.toContain('"ok":true');

  await adminPage.goto("/users");
  await expect(adminPage.getByText(control)).toBeVisible();
  await expect(adminPage.getByText(email)).toHaveCount(0);
  await admin.close();
  await viewer.close();
});

test("an admin adds a user who signs in; role change and disabling apply at once; the audit log shows it all", async ({ browser }) => {
  test.setTimeout(60_000); // several users and sessions, then the audit log: 20–30 s here
  const admin = await browser.newContext({ storageState: storageState("admin") });
  const page = await admin.newPage();
  const email = unique("new-user");
  const name = `New Person ${Date.now().toString(36)}`;

  await page.goto("/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add user" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption("viewer");
  await dialog.getByLabel("Initial password").fill("short");
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog.getByText("Use at least 12 characters.")).toBeVisible();
  await dialog.getByLabel("Initial password").fill("initial-password-1");
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText(name);
  await expect(row).toContainText("Never");

  // The new user signs in.
  const theirs = await freshContext(browser);
  const theirPage = await theirs.newPage();
  await signInAs(theirPage, email, "initial-password-1");
  await expect(theirPage.getByRole("navigation", { name: "Main" })).toContainText(name);
  await expect(theirPage.getByRole("navigation", { name: "Main" })).toContainText("Viewer");

  // Promoted: their very next request sees the new role.
  await row.getByLabel(`Role of ${name}`).selectOption("release_manager");
  await expect(row.getByLabel(`Role of ${name}`)).toHaveValue("release_manager");
  await expect.poll(async () => {
    await theirPage.reload();
    return theirPage.getByRole("navigation", { name: "Main" }).textContent();
  }).toContain("Release manager");

  // Disabled: their open session stops working on the next request.
  await row.getByRole("button", { name: `Disable ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disable account" }).click();
  await expect(row).toContainText("Disabled");
  await theirPage.goto("/releases");
  await expect(theirPage).toHaveURL(/\/sign-in/);
  await signInAs(theirPage, email, "initial-password-1");
  await expect(formAlert(theirPage)).toContainText("don't match");
  await theirs.close();

  // The audit log has every step, newest first, and filters by actor.
  await page.goto("/audit");
  const table = page.getByRole("table");
  await expect(table.getByRole("row").filter({ hasText: "user.create" }).filter({ hasText: email })).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: "user.change_role" }).filter({ hasText: email })).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: "user.disable" }).filter({ hasText: email })).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: "session.sign_in" }).filter({ hasText: name })).toBeVisible();

  await page.getByLabel("Actor").selectOption({ label: name });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/actor=\d+/);
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows.filter({ hasText: "session.sign_in" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "user.create" })).toHaveCount(0);
  await admin.close();
});

test("the account page changes your own password", async ({ browser }) => {
  // A user of our own, so the demo passwords stay as documented.
  const admin = await browser.newContext({ storageState: storageState("admin") });
  const adminPage = await admin.newPage();
  const email = unique("account");
  await adminPage.goto("/users");
  await adminPage.getByRole("button", { name: "Add user" }).click();
  const dialog = adminPage.getByRole("dialog", { name: "Add user" });
  await dialog.getByLabel("Name").fill("Account Owner");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Initial password").fill("initial-password-1");
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog).toBeHidden();
  await admin.close();

  const context = await freshContext(browser);
  const page = await context.newPage();
  await signInAs(page, email, "initial-password-1");
  await page.getByRole("link", { name: /Account Owner/ }).click();
  await expect(page).toHaveURL(/\/account$/);
  await page.getByLabel("Current password").fill("wrong-current-pw");
  await page.getByLabel("New password", { exact: true }).fill("brand-new-password");
  await page.getByLabel("Confirm new password").fill("brand-new-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();
  await page.getByLabel("Current password").fill("initial-password-1");
  await page.getByLabel("New password", { exact: true }).fill("brand-new-password");
  await page.getByLabel("Confirm new password").fill("brand-new-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password was changed.")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signInAs(page, email, "brand-new-password");
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText("Account Owner");
  await context.close();
});

test("changing a password signs out the other sessions; an admin setting one signs out all of them", async ({ browser }) => {
  test.setTimeout(90_000);
  const admin = await browser.newContext({ storageState: storageState("admin") });
  const adminPage = await admin.newPage();
  const email = unique("sessions");
  const name = `Session Person ${Date.now().toString(36)}`;
  await adminPage.goto("/users");
  await adminPage.getByRole("button", { name: "Add user" }).click();
  const add = adminPage.getByRole("dialog", { name: "Add user" });
  await add.getByLabel("Name").fill(name);
  await add.getByLabel("Email").fill(email);
  await add.getByLabel("Initial password").fill("first-password-1");
  await add.getByRole("button", { name: "Add user" }).click();
  await expect(add).toBeHidden();

  // Signed in on a laptop and a phone.
  const laptop = await freshContext(browser);
  const phone = await browser.newContext({ ...devices["iPhone 13"], extraHTTPHeaders: { "x-forwarded-for": address() } });
  const onLaptop = await laptop.newPage();
  const onPhone = await phone.newPage();
  await signInAs(onLaptop, email, "first-password-1");
  await signInAs(onPhone, email, "first-password-1");
  await onPhone.waitForURL((url) => !url.pathname.startsWith("/sign-in"));

  await onLaptop.goto("/account");
  const sessions = onLaptop.getByTestId("sessions");
  await expect(sessions.getByRole("listitem")).toHaveCount(2);
  await expect(sessions).toContainText("This browser");
  await expect(sessions).toContainText("on iOS");

  await onLaptop.getByLabel("Current password").fill("first-password-1");
  await onLaptop.getByLabel("New password", { exact: true }).fill("second-password-2");
  await onLaptop.getByLabel("Confirm new password").fill("second-password-2");
  await onLaptop.getByRole("button", { name: "Change password" }).click();
  await expect(onLaptop.getByText("Every other session was signed out.")).toBeVisible();
  await expect(sessions.getByRole("listitem")).toHaveCount(1);
  await onPhone.goto("/releases");
  await expect(onPhone).toHaveURL(/\/sign-in/);
  await onLaptop.goto("/releases");
  await expect(onLaptop).toHaveURL(/\/releases$/);

  // The admin sets a new password: the laptop is signed out too.
  await adminPage.reload();
  await adminPage.getByRole("row").filter({ hasText: email }).getByRole("button", { name: "Set password" }).click();
  const reset = adminPage.getByRole("dialog", { name: `Set a new password for ${name}` });
  await reset.getByLabel(/^New password/).fill("third-password-3");
  await reset.getByLabel("Confirm new password").fill("third-password-3");
  await reset.getByRole("button", { name: "Set password" }).click();
  await expect(reset).toBeHidden();
  await onLaptop.goto("/releases");
  await expect(onLaptop).toHaveURL(/\/sign-in/);
  await signInAs(onLaptop, email, "third-password-3");
  await expect(onLaptop.getByRole("navigation", { name: "Main" })).toContainText(name);
  await Promise.all([admin.close(), laptop.close(), phone.close()]);
});
