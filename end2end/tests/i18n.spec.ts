import { expect, test, type Page } from "@playwright/test";
import { waitForHydration } from "./hydration";

const headings = {
  en: "Hearth keeps your team's work in one warm place.",
  de: "Hearth hält die Arbeit Ihres Teams an einem warmen Ort zusammen.",
  fr: "Hearth réunit le travail de votre équipe en un seul endroit chaleureux.",
  es: "Hearth reúne el trabajo de tu equipo en un lugar acogedor.",
  ar: "يجمع Hearth عمل فريقك في مكان واحد دافئ.",
};

async function chooseInHeader(page: Page, language: string) {
  await page.locator("header nav > div summary").click();
  await page.locator("header nav > div").getByRole("button", { name: language }).click();
}

test("switching to Arabic turns the page right-to-left and survives a reload", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/");
  const html = page.locator("html");
  await expect(html).toHaveAttribute("lang", "en");
  await expect(html).toHaveAttribute("dir", "ltr");
  await waitForHydration(page);

  // The server renders the page again in the chosen language (the browser holds no
  // translations), at the same address.
  await chooseInHeader(page, "العربية");
  await expect(html).toHaveAttribute("lang", "ar");
  await expect(html).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(headings.ar);
  await expect(page).toHaveURL(/^http:\/\/[^/]+\/\??$/);
  // The list is closed on the new page.
  await expect(page.locator("header nav > div details")).not.toHaveAttribute("open", "");

  // Mirrored: the product name now sits at the right-hand end of the header.
  const logo = await page.locator("header nav a").first().boundingBox();
  expect(logo!.x).toBeGreaterThan(640);

  // The cookie came back with the answer, so the server renders Arabic before any script runs.
  await page.reload();
  await expect(html).toHaveAttribute("lang", "ar");
  await expect(html).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(headings.ar);
  await expect(page.getByRole("link", { name: "انتقل إلى المحتوى" })).toBeAttached();
});

test.describe("a browser set to French", () => {
  test.use({ locale: "fr-FR" });

  test("gets French pages without choosing anything", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(headings.fr);
    await expect(page).toHaveTitle("Hearth");
    await page.goto("/no/such/page");
    await expect(page).toHaveTitle("Page introuvable · Hearth");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the footer's language buttons still work", async ({ page }) => {
    await page.goto("/");
    await page.locator("footer").getByRole("button", { name: "Deutsch" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(headings.de);
    await expect(page.locator("footer").getByRole("button", { name: "Deutsch" })).toHaveAttribute("aria-pressed", "true");

    await page.locator("header nav > div summary").click();
    await page.locator("header nav > div").getByRole("button", { name: "Español" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(headings.es);
  });
});

test("the offline page follows the chosen language", async ({ page, context }) => {
  await page.goto("/");
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await waitForHydration(page);

  await chooseInHeader(page, "Español");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(headings.es);
  // The service worker refreshes its copy of the offline page in the background.
  await page.reload();
  await expect
    .poll(() =>
      page.evaluate(async () => (await caches.match("/offline"))?.headers.get("content-language")),
    )
    .toBe("es");

  await context.setOffline(true);
  await page.goto("/a/page/never/visited");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("No tienes conexión.");
  await expect(page.getByRole("link", { name: "Reintentar" })).toBeVisible();
  await context.setOffline(false);
});
