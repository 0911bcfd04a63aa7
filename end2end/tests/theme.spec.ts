import { expect, test } from "@playwright/test";
import { waitForHydration } from "./hydration";

test("the chosen theme applies at once and survives a reload, rendered by the server", async ({ page }) => {
  await page.goto("/");
  const html = page.locator("html");
  await expect(html).toHaveClass("system");
  await expect(page.getByRole("button", { name: "System theme" })).toHaveAttribute("aria-pressed", "true");
  await waitForHydration(page);

  // With JavaScript the page does not reload: a value set on window survives the click.
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  await page.getByRole("button", { name: "Dark theme" }).click();
  await expect(html).toHaveClass("dark");
  await expect(page.getByRole("button", { name: "Dark theme" })).toHaveAttribute("aria-pressed", "true");
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);

  // The cookie reached the browser; the server now renders the dark class before any script runs.
  await expect(async () => {
    const served = await (await page.request.get("/")).text();
    expect(served).toMatch(/<html[^>]* class="dark"/);
  }).toPass({ timeout: 5_000 });
  await page.reload();
  await expect(html).toHaveClass("dark");
  const background = await page.locator("body").evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(background).not.toBe("rgb(250, 250, 249)"); // stone-50, the light background
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the theme buttons still work", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "Light theme" }).click();
    // Back on the same page (Leptos adds an empty query string when it redirects back).
    await expect(page).toHaveURL(/^http:\/\/[^/]+\/\??$/);
    await expect(page.locator("html")).toHaveClass("light");
    await expect(page.getByRole("button", { name: "Light theme" })).toHaveAttribute("aria-pressed", "true");
  });
});
