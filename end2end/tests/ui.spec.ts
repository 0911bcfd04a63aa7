import { expect, test } from "@playwright/test";

test.describe("component showcase", () => {
  test("fields carry their label, hint and error to assistive technology", async ({ page }) => {
    await page.goto("/ui");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Components");

    const email = page.getByLabel("E-mail");
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(email).toHaveAccessibleDescription("Enter an e-mail address like name@example.com.");
    await expect(page.getByLabel("Name")).toHaveAccessibleDescription("As your team will see it.");
    await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "false");

    const digest = page.getByRole("switch", { name: "Weekly digest" });
    await expect(digest).toBeChecked();
    await digest.focus();
    await page.keyboard.press("Space");
    await expect(digest).not.toBeChecked();
  });

  test("a pending button says so and cannot be pressed again", async ({ page }) => {
    await page.goto("/ui");
    const save = page.getByRole("button", { name: "Save (click me)" });
    await expect(async () => {
      await save.click({ timeout: 500 });
      await expect(page.getByRole("button", { name: "Saving…" })).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 15_000 });

    const saving = page.getByRole("button", { name: "Saving…" });
    await expect(saving).toBeDisabled();
    await expect(saving).toHaveAttribute("aria-busy", "true");
  });
});
