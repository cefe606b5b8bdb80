import { chromium, type FullConfig } from "@playwright/test";
import { demo, storageState, type DemoUser } from "./users";

/** Signs each demo user in once and saves the cookies, so tests start signed in. */
export default async function globalSetup(config: FullConfig) {
  const { baseURL, launchOptions } = config.projects[0].use;
  const browser = await chromium.launch(launchOptions);
  for (const who of Object.keys(demo) as DemoUser[]) {
    const page = await browser.newPage({ baseURL });
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(demo[who].email);
    await page.getByLabel("Password").fill(demo[who].password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
    await page.context().storageState({ path: storageState(who) });
    await page.close();
  }
  await browser.close();
}
