import { expect, test } from "@playwright/test";

test("the API docs page shows every operation, from our own files only", async ({ page, baseURL }) => {
  const outside: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(baseURL!) && !request.url().startsWith("data:")) outside.push(request.url());
  });
  await page.goto("/api/docs");

  await expect(page.getByRole("heading", { name: /Hearth API/ })).toBeVisible();
  for (const path of ["/auth/register", "/auth/login", "/auth/refresh", "/auth/logout", "/users/me"]) {
    await expect(page.locator(".opblock-summary-path", { hasText: path }).first()).toBeVisible();
  }
  expect(outside).toEqual([]);
});
