import { expect, test } from "@playwright/test";
import { linkInLetter } from "../mailbox";
import { DATABASE, PASSWORD, register, uniqueEmail } from "./account";
import { waitForHydration } from "./hydration";

const NEW_PASSWORD = "willow teapot orbit fennel";
const BANNER = "Confirm your e-mail address: we sent a link to";

test("register, open the verification letter from the SMTP sink, verify: the banner is gone", DATABASE, async ({ page, baseURL }) => {
  const email = uniqueEmail();
  await register(page, email);
  const banner = page.getByRole("complementary", { name: "Confirm your e-mail address" });
  await expect(banner).toContainText(`${BANNER} ${email}.`);

  // Asking again at once is refused, politely, in the banner.
  await banner.getByRole("button", { name: "Send the link again" }).click();
  await expect(page).toHaveURL(/\/dashboard\?notice=too-many-requests$/);
  await expect(banner.getByRole("alert")).toHaveText("Too many attempts. Wait a moment and try again.");

  const link = await linkInLetter(email, "Confirm your e-mail address for Hearth", "/verify-email", baseURL!);
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Confirm your e-mail address");
  await page.getByRole("button", { name: "Confirm my address" }).click();

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("status", { name: "Notifications" })).toContainText("Your e-mail address is confirmed.");
  await expect(page.getByText(BANNER)).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Ann Lee");
  await expect(page.getByText(BANNER)).toHaveCount(0);

  // The link works once.
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page.getByRole("alert")).toContainText("This link was used already.");
});

test("forgot password: reset from the letter, and the session in another browser is logged out", DATABASE, async ({ browser, page, baseURL }) => {
  const email = uniqueEmail();
  // Signed in on another computer.
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await register(other, email);

  await page.goto("/login");
  await waitForHydration(page);
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/password-reset$/);
  await waitForHydration(page);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "If an account uses" })).toContainText(email);

  const link = await linkInLetter(email, "Choose a new password for Hearth", "/password-reset/confirm", baseURL!);
  await page.goto(link);
  await waitForHydration(page);
  const password = page.getByLabel("New password");
  // Checked when the field is left, with the registration rules.
  await password.fill("short");
  await password.blur();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await password.fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set the new password" }).click();

  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("status", { name: "Notifications" })).toContainText(
    "Your password is changed and every session has ended.",
  );

  // The other browser's session has ended.
  await other.goto("/dashboard");
  await expect(other).toHaveURL(/\/login\?next=%2Fdashboard$/);
  await elsewhere.close();

  // The new password opens the account; the old one does not.
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toContainText("The e-mail address or the password is not right.");
  await page.getByLabel("Password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  // Following the reset link proved the address, too.
  await expect(page.getByText(BANNER)).toHaveCount(0);
});
