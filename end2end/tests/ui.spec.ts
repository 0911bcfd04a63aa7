import { expect, test } from "@playwright/test";
import { waitForHydration } from "./hydration";

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
    await waitForHydration(page);
    await page.getByRole("button", { name: "Save (click me)" }).click();

    const saving = page.getByRole("button", { name: "Saving…" });
    await expect(saving).toBeDisabled();
    await expect(saving).toHaveAttribute("aria-busy", "true");
  });
});

test.describe("interactive components", () => {
  test.beforeEach(async ({ page }) => {
    await page.goto("/ui");
    await waitForHydration(page);
  });

  test("the dialog is modal, closes with Esc and gives focus back", async ({ page }) => {
    const opener = page.getByRole("button", { name: "Open dialog" });
    await opener.click();
    const dialog = page.getByRole("dialog", { name: "Archive this project?" });
    await expect(dialog).toBeVisible();
    // Focus is inside the dialog and Tab keeps it there.
    for (let i = 0; i < 4; i++) {
      expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
      await page.keyboard.press("Tab");
    }
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();

    await opener.click();
    await dialog.getByRole("button", { name: "Archive" }).click();
    await expect(dialog).toBeHidden();
    const notifications = page.getByRole("status", { name: "Notifications" });
    await expect(notifications).toContainText("Project archived.");
    // The toast's own button takes it away; left alone, a toast goes by itself after a while.
    await notifications.getByRole("button", { name: "Dismiss" }).click();
    // At once: within its lifetime, so this is the button and not the toast expiring.
    await expect(notifications).not.toContainText("Project archived.", { timeout: 1_000 });
    await page.getByRole("button", { name: "Show an error toast" }).click();
    await expect(notifications).toContainText("Could not save");
    await expect(notifications).not.toContainText("Could not save", { timeout: 10_000 });
  });

  test("the menu follows the keyboard pattern", async ({ page }) => {
    const button = page.getByRole("button", { name: "Actions" });
    await button.focus();
    await page.keyboard.press("ArrowDown");
    const menu = page.getByRole("menu", { name: "Actions" });
    await expect(menu).toBeVisible();
    await expect(button).toHaveAttribute("aria-expanded", "true");
    await expect(menu.getByRole("menuitem", { name: "Rename" })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(menu.getByRole("menuitem", { name: "Duplicate" })).toBeFocused();
    await page.keyboard.press("End");
    await expect(menu.getByRole("menuitem", { name: "Archive" })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(menu.getByRole("menuitem", { name: "Rename" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(menu).toBeHidden();
    await expect(button).toBeFocused();

    await page.keyboard.press("Enter");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(menu).toBeHidden();
    await expect(page.getByRole("status", { name: "Notifications" })).toContainText("Duplicated.");
  });

  test("tabs move with the arrow keys", async ({ page }) => {
    const overview = page.getByRole("tab", { name: "Overview" });
    await expect(overview).toHaveAttribute("aria-selected", "true");
    await overview.focus();
    await page.keyboard.press("ArrowRight");
    const activity = page.getByRole("tab", { name: "Activity" });
    await expect(activity).toBeFocused();
    await expect(activity).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("tabpanel", { name: "Activity" })).toHaveText("Who changed what, and when.");
    await expect(page.getByRole("tabpanel", { name: "Overview" })).toBeHidden();
    await page.keyboard.press("End");
    await expect(page.getByRole("tab", { name: "Settings" })).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("ArrowRight");
    await expect(overview).toHaveAttribute("aria-selected", "true");
  });

  test("table headers sort the rows both ways", async ({ page }) => {
    const table = page.getByRole("table", { name: "Tasks" });
    const points = table.getByRole("columnheader", { name: /Points/ });
    await expect(points).toHaveAttribute("aria-sort", "none");
    await points.getByRole("button").click();
    await expect(points).toHaveAttribute("aria-sort", "ascending");
    const firstPoints = table.locator("tbody tr").first().locator("td").nth(2);
    await expect(firstPoints).toHaveText("3");
    await points.getByRole("button").click();
    await expect(points).toHaveAttribute("aria-sort", "descending");
    await expect(firstPoints).toHaveText("13");
  });

  test("pagination marks the current page", async ({ page }) => {
    const nav = page.getByRole("navigation", { name: "Pagination" });
    await expect(nav.getByRole("link", { name: "Page 5", exact: true })).toHaveAttribute("aria-current", "page");
    await expect(nav.getByRole("link", { name: "Next" })).toHaveAttribute("href", "/ui?page=6");
    await expect(nav.getByRole("link", { name: "Previous" })).toHaveAttribute("href", "/ui?page=4");
  });
});
