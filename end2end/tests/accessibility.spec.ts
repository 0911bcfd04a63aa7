import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

const pages = [
  { name: "home", path: "/" },
  { name: "404", path: "/no/such/page" },
  { name: "offline", path: "/offline" },
  { name: "component showcase", path: "/ui" },
];

for (const theme of ["light", "dark"]) {
  for (const { name, path } of pages) {
    test(`${name} page in the ${theme} theme has no serious or critical axe violations`, async ({ page, context, baseURL }) => {
      await context.addCookies([{ name: "theme", value: theme, url: baseURL! }]);
      await page.goto(path);
      await expect(page.locator("html")).toHaveClass(theme);

      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations
        .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
        .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target).join(", ")})`);
      expect(serious).toEqual([]);
    });
  }
}
