import { expect, test } from "@playwright/test";
import { waitForHydration } from "./hydration";

test.describe("home page", () => {
  test("hydrates: the roadmap button works in the browser", async ({ page }) => {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto("/");

    await expect(page).toHaveTitle("Hearth");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Hearth keeps your team");

    const toggle = page.getByRole("button", { name: "See what's coming" });
    const roadmap = page.getByRole("list", { name: "What's coming" });
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(roadmap).toBeHidden();

    // The click only works once the WASM has taken over the server-rendered button.
    await waitForHydration(page);
    await toggle.click();
    await expect(page.getByRole("button", { name: "Hide what's coming" })).toBeVisible();
    await expect(roadmap).toBeVisible();
    await expect(roadmap.getByRole("heading", { name: "Workspaces" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Hide what's coming" })).toHaveAttribute("aria-expanded", "true");

    expect(errors).toEqual([]);
  });

  test("the stylesheet and bundle load", async ({ page }) => {
    const failed: string[] = [];
    page.on("requestfailed", (request) => failed.push(request.url()));
    page.on("response", (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await page.goto("/");
    await page.waitForLoadState("networkidle");

    expect(failed).toEqual([]);
    // Tailwind's classes reached the page: the header has a bottom border.
    const border = await page.locator("header").evaluate((el) => getComputedStyle(el).borderBottomWidth);
    expect(border).toBe("1px");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server renders the page", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Hearth keeps your team");
    await expect(page.getByRole("link", { name: "Hearth" })).toBeVisible();
    await expect(page.getByRole("button", { name: "See what's coming" })).toBeVisible();
  });
});
