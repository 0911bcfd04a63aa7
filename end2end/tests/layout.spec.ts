import { expect, test } from "@playwright/test";
import { waitForHydration } from "./hydration";

test("keyboard alone reaches every header control, starting with the skip link", async ({ page }) => {
  // The order is in the server-rendered markup, so it holds before and after hydration.
  await page.goto("/");

  const reached: string[] = [];
  for (let i = 0; i < 9; i++) {
    await page.keyboard.press("Tab");
    reached.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return el.getAttribute("aria-label") ?? el.innerText.replace(/\s+/g, " ").trim();
      }),
    );
  }
  expect(reached).toEqual([
    "Skip to content",
    "Hearth home page",
    "Home",
    "Log in",
    "Register",
    "Language: EN",
    "Light theme",
    "Dark theme",
    "System theme",
  ]);

  // The language list opens from the keyboard and its buttons are next in line.
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(page.locator("header").getByRole("button", { name: "English" })).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Enter");

  // The skip link moves focus past the header.
  for (let i = 0; i < 5; i++) await page.keyboard.press("Shift+Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: /what's coming/ })).toBeFocused();
});

test("a banner says when the network goes and comes back", async ({ page, context }) => {
  await page.goto("/");
  await waitForHydration(page);
  const banner = page.getByRole("status", { name: "Connection" });

  await context.setOffline(true);
  await expect(banner).toHaveText("You're offline. Hearth will reconnect when the network is back.");
  await context.setOffline(false);
  await expect(banner).toHaveText("You're back online.");
  await expect(page.getByText("You're back online.")).toBeHidden({ timeout: 10_000 });
});

for (const width of [360, 1280]) {
  test(`the layout fits a ${width} px wide screen`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto("/");
    await waitForHydration(page);

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const path = testInfo.outputPath(`home-${width}.png`);
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(`home-${width}`, { path, contentType: "image/png" });
  });
}

test("on a phone the links, languages and theme fold into a menu", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/");
  await waitForHydration(page);
  const menu = page.locator("header details.sm\\:hidden");
  const panel = menu.locator("div").first();

  // The bar itself holds only the product name and the menu button.
  await expect(page.locator("header nav > ul")).toBeAttached();
  await expect(page.locator("header nav > ul")).toBeHidden();
  await expect(page.locator("header nav > div")).toBeAttached();
  await expect(page.locator("header nav > div")).toBeHidden();
  await expect(panel).toBeHidden();

  await menu.locator("summary").click();
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("link", { name: "Home" })).toBeVisible();
  await expect(panel.getByRole("button", { name: "Deutsch" })).toBeVisible();
  await expect(panel.getByRole("button", { name: "Dark theme" })).toBeVisible();

  // Escape folds it away and gives focus back to the menu button.
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(menu.locator("summary")).toBeFocused();

  // Choosing a language from the menu works and folds the menu.
  await menu.locator("summary").click();
  await panel.getByRole("button", { name: "Deutsch" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(panel).toBeHidden();
  await expect(menu.locator("summary")).toHaveText("Menü");
});
