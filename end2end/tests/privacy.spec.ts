import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DATABASE, PASSWORD, register, uniqueEmail } from "./account";
import { waitForHydration } from "./hydration";

test("download my data: one JSON file with my profile, sessions and security events", DATABASE, async ({ page }) => {
  const email = uniqueEmail();
  await register(page, email);
  await page.goto("/settings");
  await waitForHydration(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download my data" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^hearth-data-\d{4}-\d{2}-\d{2}\.json$/);
  const document = JSON.parse(readFileSync(await download.path(), "utf8"));
  expect(document.format).toBe("hearth-personal-data/1");
  expect(document.account.profile.email).toBe(email);
  expect(document.account.sessions.length).toBe(1);
  expect(document.security_events.map((event: { action: string }) => event.action)).toContain("account.registered");
  // The download is in the activity list.
  await page.reload();
  await expect(page.getByRole("list", { name: "Security activity" })).toContainText("Your data was downloaded");
});

test("delete my account: a wrong password keeps it, the right one deletes it and signs me out", DATABASE, async ({ page }) => {
  const email = uniqueEmail();
  await register(page, email);
  await page.goto("/settings");
  await waitForHydration(page);
  const danger = page.getByRole("region", { name: "Delete my account" });
  await danger.getByLabel("Password, to confirm").fill("not my password");
  await danger.getByRole("button", { name: "Delete my account" }).click();
  await expect(danger.getByText("This is not your current password.")).toBeVisible();
  await expect(page).toHaveURL(/\/settings/);

  await danger.getByLabel("Password, to confirm").fill(PASSWORD);
  await danger.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/account-deleted$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account is deleted");
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await page.getByRole("link", { name: "What Hearth keeps, and why" }).click();
  await expect(page).toHaveURL(/\/privacy$/);

  // Signed out, and the account is gone.
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText("The e-mail address or the password is not right.");
});
