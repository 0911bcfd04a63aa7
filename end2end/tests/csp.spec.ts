import { expect, test, type Page } from "@playwright/test";
import { DATABASE, register, uniqueEmail } from "./account";
import { waitForHydration } from "./hydration";

// The content security policy admits each page's own scripts (by the request's nonce, or by
// hash for a page served from memory) and nothing else. If it left out anything a page needs,
// the page would break quietly: here every page, in every language and both themes, must
// hydrate with no violation reported.

const anonymousPages = [
  "/",
  "/login",
  "/register",
  "/password-reset",
  "/password-reset/confirm?token=from-a-letter",
  "/verify-email?token=from-a-letter",
  "/offline",
  "/privacy",
  "/account-deleted",
  "/no/such/page",
  "/ui",
  "/dev/mailbox",
];
const signedInPages = ["/dashboard", "/settings", "/workspaces", "/"];

const locales = ["en", "de", "fr", "es", "ar"];
const themes = ["light", "dark"];

/** Records every violation the page reports, from before its first script runs. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) seen.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(
        `Content Security Policy violation: ${event.violatedDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  return seen;
}

async function visitAll(page: Page, paths: string[], seen: string[]) {
  for (const path of paths) {
    // Twice: once rendered with a nonce, once as kept in memory with hashes.
    for (const round of [1, 2]) {
      await page.goto(path);
      await waitForHydration(page);
      expect(seen, `${path} (visit ${round})`).toEqual([]);
    }
  }
}

for (const locale of locales) {
  for (const theme of themes) {
    test(`no page breaks the content security policy, language ${locale}, ${theme} theme`, async ({ page, context, baseURL }) => {
      await context.addCookies([
        { name: "theme", value: theme, url: baseURL! },
        { name: "locale", value: locale, url: baseURL! },
      ]);
      const seen = await watchViolations(page);
      await visitAll(page, anonymousPages, seen);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expect(page.locator("html")).toHaveClass(theme);
    });
  }
}

test("signed-in pages keep to the policy too, in every language and both themes", DATABASE, async ({ page, context, baseURL }) => {
  // Ten rounds of every signed-in page: more than 30 s while the Rust tests compile beside.
  test.slow();
  const seen = await watchViolations(page);
  await register(page, uniqueEmail());
  for (const locale of locales) {
    for (const theme of themes) {
      await context.addCookies([
        { name: "theme", value: theme, url: baseURL! },
        { name: "locale", value: locale, url: baseURL! },
      ]);
      for (const path of signedInPages) {
        await page.goto(path);
        await waitForHydration(page);
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        expect(seen, `${path} in ${locale}, ${theme}`).toEqual([]);
      }
    }
  }
  // A form sent by the page's own script is allowed to reach the server.
  await context.addCookies([{ name: "locale", value: "en", url: baseURL! }]);
  await page.goto("/settings");
  await waitForHydration(page);
  await page.locator("header nav > div").getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/$/);
  expect(seen).toEqual([]);
});

test("the API documentation runs under the policy", async ({ page }) => {
  const seen = await watchViolations(page);
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { name: /Hearth API/ })).toBeVisible();
  await expect(page.locator(".opblock-summary-path", { hasText: "/auth/login" }).first()).toBeVisible();
  expect(seen).toEqual([]);
});

test("an injected inline script does not run", async ({ page }) => {
  const seen = await watchViolations(page);
  await page.goto("/login");
  await waitForHydration(page);
  // As markup an attacker slipped into the page would: a script element without the nonce.
  const ran = await page.evaluate(async () => {
    const script = document.createElement("script");
    script.textContent = "window.__injected = true;";
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  expect(seen.length).toBeGreaterThan(0);
});
