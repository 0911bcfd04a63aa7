import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { solidPng } from "../picture";
import { DATABASE, logIn, register, uniqueEmail } from "./account";

const PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

test("end another session from the settings: that browser is logged out", DATABASE, async ({ page, browser }) => {
  const email = uniqueEmail();
  await register(page, email);

  // The same person on a phone.
  const phoneContext = await browser.newContext({ userAgent: PHONE });
  const phone = await phoneContext.newPage();
  await logIn(phone, email);

  await page.locator("header nav").getByRole("link", { name: "Settings" }).first().click();
  await expect(page).toHaveURL(/\/settings$/);
  const sessions = page.getByRole("list", { name: "Sessions" });
  await expect(sessions.getByRole("listitem")).toHaveCount(2);
  await expect(sessions.getByRole("listitem").first()).toContainText("This browser");
  await expect(sessions).toContainText("Safari on iPhone");

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  await page.getByRole("button", { name: /^End session: Safari on iPhone/ }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("status", { name: "Notifications" })).toContainText("The session has ended.");
  await expect(sessions.getByRole("listitem")).toHaveCount(1);
  await expect(page.getByText("This is your only session.")).toBeVisible();

  await phone.goto("/dashboard");
  await expect(phone).toHaveURL(/\/login\?next=%2Fdashboard$/);
  await phoneContext.close();
});

test("change the picture and see it in the header", DATABASE, async ({ page }) => {
  const email = uniqueEmail();
  await register(page, email);
  await expect(page.locator("header img[src^='/files/']")).toHaveCount(0);

  await page.goto("/settings");
  // Not a picture: the message is next to the field.
  await page.getByLabel("Picture file").setInputFiles({ name: "notes.png", mimeType: "image/png", buffer: Buffer.from("just text") });
  await page.getByRole("button", { name: "Upload picture" }).click();
  await expect(page.getByText("Choose a PNG, JPEG or WebP picture.")).toBeVisible();

  await page.getByLabel("Picture file").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: solidPng(400, [20, 120, 200]) });
  await page.getByRole("button", { name: "Upload picture" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("status", { name: "Notifications" })).toContainText("Your picture is saved.");

  const headerPicture = page.locator("header nav > div img[src^='/files/avatars/']");
  await expect(headerPicture).toBeVisible();
  // The picture really loaded (once it has arrived): a 256-pixel square, drawn at the header's size.
  await expect
    .poll(() => headerPicture.evaluate((img: HTMLImageElement) => [img.complete, img.naturalWidth, img.naturalHeight]))
    .toEqual([true, 256, 256]);
  await expect(page.getByRole("img", { name: "Your picture" })).toBeVisible();

  await page.getByRole("link", { name: "Dashboard" }).first().click();
  await expect(page.locator("header nav > div img[src^='/files/avatars/']")).toBeVisible();

  await page.goto("/settings");
  await page.getByRole("button", { name: "Remove picture" }).click();
  await expect(page.getByRole("status", { name: "Notifications" })).toContainText("Your picture is removed.");
  await expect(page.locator("header img[src^='/files/']")).toHaveCount(0);
});

test("make an API token in the settings, call the API with it, revoke it", DATABASE, async ({ page, request }) => {
  const email = uniqueEmail();
  await register(page, email);
  await page.goto("/settings");
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  await expect(page.getByText("You have no tokens yet.")).toBeVisible();

  await page.getByLabel("Name").fill("Nightly report");
  await page.getByLabel("Read only").check();
  await page.getByLabel("Expires").selectOption("90");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Copy it now: it is not shown again.")).toBeVisible();
  const token = await page.getByLabel("Your new token").inputValue();
  expect(token).toMatch(/^hearth_pat_[A-Za-z0-9_-]{43}$/);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  const me = await request.get("/api/v1/users/me", { headers: { authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).email).toBe(email);
  const write = await request.post("/api/v1/workspaces", { headers: { authorization: `Bearer ${token}` }, data: { name: "Nope" } });
  expect(write.status()).toBe(403);

  await page.reload();
  await expect(page.getByLabel("Your new token")).toHaveCount(0);
  const tokens = page.getByRole("list", { name: "Your tokens" });
  await expect(tokens).toContainText("Nightly report");
  await expect(tokens).toContainText("Read only");
  await expect(tokens).toContainText("Last used");
  await tokens.getByRole("button", { name: "Revoke Nightly report" }).click();
  await expect(page.getByText("The token is revoked.")).toBeVisible();
  const after = await request.get("/api/v1/users/me", { headers: { authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
});
