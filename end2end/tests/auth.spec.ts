import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { waitForHydration } from "./hydration";

const PASSWORD = "copper kettle rain lantern";
// These tests write to the database: they run on both engines (see .ci/test-suite).
const DATABASE = { tag: "@database" };
const uniqueEmail = () => `ann-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;

async function fillRegistration(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel("Your name").fill("Ann Lee");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
}

async function logOut(page: Page) {
  await page.locator("header nav > div").getByRole("button", { name: "Log out" }).click();
}

test("register, see the dashboard, log out and log in again", DATABASE, async ({ page }) => {
  const email = uniqueEmail();
  await page.goto("/register");
  await waitForHydration(page);
  await fillRegistration(page, email);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Ann Lee");
  await expect(page.locator("main").getByText(email)).toBeVisible();
  await expect(page.locator("header")).toContainText("Signed in as Ann Lee");
  // The list of sessions is part of the page, not its skeleton.
  const sessions = page.getByRole("list", { name: "Where you are signed in" });
  await expect(sessions.getByRole("listitem")).toHaveCount(1);
  await expect(sessions).toContainText("This browser");
  await expect(page.getByTestId("sessions-loading")).toHaveCount(0);

  // The session cookies are HttpOnly: scripts on the page cannot read them.
  const visible = await page.evaluate(() => document.cookie);
  expect(visible).not.toContain("hearth_access");
  expect(visible).not.toContain("hearth_refresh");
  const cookies = await page.context().cookies();
  expect(cookies.find((cookie) => cookie.name === "hearth_access")?.httpOnly).toBe(true);
  expect(cookies.find((cookie) => cookie.name === "hearth_refresh")?.httpOnly).toBe(true);

  // Nothing serious for axe on the signed-in page either.
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  await logOut(page);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("status", { name: "Notifications" })).toContainText("You are logged out.");
  await expect(page.locator("header nav > div").getByRole("link", { name: "Log in" })).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);

  await page.getByLabel("E-mail address").fill(email.toUpperCase());
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Ann Lee");
  await expect(page.getByRole("status", { name: "Notifications" })).toContainText("Welcome back, Ann Lee.");
  // Reloading keeps the session: the server renders the dashboard itself.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Ann Lee");
});

test("a wrong password and an unknown address get the same message", DATABASE, async ({ page }) => {
  const email = uniqueEmail();
  await page.goto("/register");
  await waitForHydration(page);
  await fillRegistration(page, email);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await logOut(page);
  await expect(page).toHaveURL(/\/$/);

  for (const [address, password] of [
    [email, "not the password"],
    [uniqueEmail(), PASSWORD],
  ]) {
    await page.goto("/login");
    await waitForHydration(page);
    await page.getByLabel("E-mail address").fill(address);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("alert")).toHaveText("The e-mail address or the password is not right.");
    await expect(page).toHaveURL(/\/login/);
  }
});

test("fields are checked when they lose focus, and the server's answer lands next to them", DATABASE, async ({ page }) => {
  await page.goto("/register");
  await waitForHydration(page);
  const email = page.getByLabel("E-mail address");
  await email.fill("ann@");
  await email.blur();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAccessibleDescription("Enter an e-mail address like name@example.com.");
  await email.fill(uniqueEmail());
  await email.blur();
  await expect(email).toHaveAttribute("aria-invalid", "false");

  const password = page.getByLabel("Password");
  await password.fill("short");
  await password.blur();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();

  // Long enough, but the strength check (which runs on the server) refuses it as soon as the
  // field is left, before any submit.
  await page.getByLabel("Your name").fill("Ann Lee");
  await password.fill("password123");
  await password.blur();
  const weak = "This password is too easy to guess. It is one of the most used passwords.";
  await expect(password).toHaveAccessibleDescription(new RegExp(`${weak}$`));
  // Submitting anyway gets the same answer in the same place.
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/register\?.*weak-common/);
  await expect(page.getByText(weak)).toBeVisible();
});

test("what is typed before the form becomes interactive is kept", async ({ page }) => {
  // The bundle is held back until the fields are filled, as on a slow network.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/*.wasm", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("/login");
  await page.getByLabel("E-mail address").fill("ann@example.com");
  await page.getByLabel("Password").fill("typed before");
  release();
  await waitForHydration(page);

  await expect(page.getByLabel("E-mail address")).toHaveValue("ann@example.com");
  await expect(page.getByLabel("Password")).toHaveValue("typed before");
  // The island has taken over: a field left empty now says so.
  await page.getByLabel("Password").fill("");
  await page.getByLabel("Password").blur();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
});

test("a protected page sends you to log in and back", DATABASE, async ({ page }) => {
  const email = uniqueEmail();
  await page.request.post("/api/v1/auth/register", { data: { email, password: PASSWORD, name: "Ann Lee" } });

  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
  await waitForHydration(page);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the same journey works with plain form posts", DATABASE, async ({ page }) => {
    const email = uniqueEmail();
    await page.goto("/register");
    await fillRegistration(page, email, "short");
    await page.getByRole("button", { name: "Create account" }).click();
    // Back on the form, the server's message next to the field, the typed values kept.
    await expect(page).toHaveURL(/\/register\?/);
    await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
    await expect(page.getByLabel("E-mail address")).toHaveValue(email);

    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Ann Lee");

    await logOut(page);
    await expect(page).toHaveURL(/\/$/);
    await page.goto("/login?next=%2Fdashboard");
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("alert")).toHaveText("The e-mail address or the password is not right.");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });
});
