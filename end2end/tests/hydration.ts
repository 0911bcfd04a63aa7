import { expect, type Page } from "@playwright/test";

/** Waits until the WASM has hydrated the home page: its roadmap toggle only works then. */
export async function waitForHydration(page: Page) {
  const toggle = page.getByRole("button", { name: /what's coming/ });
  await expect(async () => {
    const before = await toggle.getAttribute("aria-expanded");
    await toggle.click();
    await expect(toggle).not.toHaveAttribute("aria-expanded", before ?? "", { timeout: 500 });
  }).toPass({ timeout: 15_000 });
}
