import { expect, test } from "@playwright/test";
import { waitForHydration } from "./hydration";

test("keyboard alone reaches every header control, starting with the skip link", async ({ page }) => {
  // The order is in the server-rendered markup, so it holds before and after hydration.
  await page.goto("/");

  const reached: string[] = [];
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("Tab");
    reached.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return el.getAttribute("aria-label") ?? el.innerText.trim();
      }),
    );
  }
  expect(reached).toEqual(["Skip to content", "Hearth", "Light theme", "Dark theme", "System theme"]);

  // The skip link moves focus past the header.
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
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
