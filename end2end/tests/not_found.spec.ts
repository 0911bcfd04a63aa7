import { expect, test } from "@playwright/test";

test("an unknown address shows the 404 page with status 404", async ({ page }) => {
  const response = await page.goto("/this/page/does/not/exist");

  expect(response?.status()).toBe(404);
  await expect(page).toHaveTitle("Page not found · Hearth");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We couldn't find that page.");

  // The link home works as a client-side navigation once hydrated.
  await page.getByRole("link", { name: "Back to the home page" }).click();
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Hearth keeps your team");
});
