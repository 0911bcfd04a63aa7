import { expect, type Page } from "@playwright/test";

/** Waits until the WASM has hydrated the page: the frontend then marks `<html data-hydrated>`. */
export async function waitForHydration(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "", { timeout: 15_000 });
}
