import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

const pages = [
  { name: "home", path: "/" },
  { name: "404", path: "/no/such/page" },
  { name: "offline", path: "/offline" },
  { name: "privacy", path: "/privacy" },
  { name: "account deleted", path: "/account-deleted" },
  { name: "log in", path: "/login" },
  { name: "register", path: "/register" },
  { name: "forgot password", path: "/password-reset" },
  { name: "choose a new password", path: "/password-reset/confirm?token=from-a-letter" },
  { name: "confirm an address", path: "/verify-email?token=from-a-letter" },
  { name: "component showcase", path: "/ui" },
  { name: "development mailbox", path: "/dev/mailbox" },
];

// Every page in both themes, and once more right-to-left in Arabic.
const variants = [
  { theme: "light", locale: "en" },
  { theme: "dark", locale: "en" },
  { theme: "light", locale: "ar" },
];

for (const { theme, locale } of variants) {
  for (const { name, path } of pages) {
    test(`${name} page in the ${theme} theme, language ${locale}, has no serious or critical axe violations`, async ({ page, context, baseURL }) => {
      await context.addCookies([
        { name: "theme", value: theme, url: baseURL! },
        { name: "locale", value: locale, url: baseURL! },
      ]);
      await page.goto(path);
      await expect(page.locator("html")).toHaveClass(theme);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);

      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations
        .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
        .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target).join(", ")})`);
      expect(serious).toEqual([]);
    });
  }
}
