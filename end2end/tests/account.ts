import { expect, type Page } from "@playwright/test";
import { waitForHydration } from "./hydration";

export const PASSWORD = "copper kettle rain lantern";
// Tests that write to the database run on both engines (see .ci/test-suite).
export const DATABASE = { tag: "@database" };
export const uniqueEmail = () => `ann-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;

/** Registers Ann Lee with `email` through the form and waits for the dashboard. */
export async function register(page: Page, email: string) {
  await page.goto("/register");
  await waitForHydration(page);
  await page.getByLabel("Your name").fill("Ann Lee");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** Logs `email` in through the form and waits for the dashboard. */
export async function logIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}
