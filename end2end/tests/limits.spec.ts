import { expect, test, type Page } from "@playwright/test";
import { DATABASE, PASSWORD, register, uniqueEmail } from "./account";
import { waitForHydration } from "./hydration";

// The suite's server counts three failed log-ins per account, then one every ten seconds
// (playwright.config.ts): what a guesser meets, in a test's time.

async function tryLogIn(page: Page, email: string, password: string) {
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

test("a burst of wrong passwords is slowed down, and the owner gets in once it has passed", DATABASE, async ({ page, browser }) => {
  const email = uniqueEmail();
  await register(page, email);

  // Someone else, in another browser, guesses.
  const guesser = await (await browser.newContext()).newPage();
  await guesser.goto("/login");
  await waitForHydration(guesser);
  const alert = guesser.getByRole("alert").filter({ hasText: /./ });
  for (const guess of ["password1", "letmein", "qwerty123"]) {
    await tryLogIn(guesser, email, guess);
    await expect(alert).toHaveText("The e-mail address or the password is not right.");
  }
  await tryLogIn(guesser, email, "hunter2");
  await expect(alert).toHaveText("Too many attempts. Wait a moment and try again.");
  // Even the right password waits now: a refused attempt checks nothing.
  await tryLogIn(guesser, email, PASSWORD);
  await expect(alert).toHaveText("Too many attempts. Wait a moment and try again.");
  await expect(guesser).toHaveURL(/\/login/);

  // The owner, a moment later, in their own browser, without JavaScript's help either way.
  await page.waitForTimeout(10_500);
  const owner = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await owner.goto("/login");
  await tryLogIn(owner, email, PASSWORD);
  await expect(owner).toHaveURL(/\/dashboard$/);
});

test("the throttling message comes in the person's language", DATABASE, async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.addCookies([{ name: "locale", value: "fr", url: test.info().project.use.baseURL! }]);
  const page = await context.newPage();
  const email = uniqueEmail();
  for (let attempt = 0; attempt < 4; attempt++) {
    await page.goto("/login");
    await page.locator("input[name=email]").fill(email);
    await page.locator("input[name=password]").fill("not the password");
    await page.locator("main form button[type=submit]").click();
  }
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText(/Trop de tentatives/);
});
