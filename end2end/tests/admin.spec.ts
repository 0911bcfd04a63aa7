import AxeBuilder from "@axe-core/playwright";
import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { DATABASE, PASSWORD, logIn, register, uniqueEmail } from "./account";
import { waitForHydration } from "./hydration";

// An admin is made as an operator makes one: `server create-admin` against the suite's
// database (the same one the suite's server uses, see playwright.config.ts).
function createAdmin(email: string) {
  const engine = process.env.HEARTH_E2E_ENGINE ?? "SQLite";
  const databaseURL =
    engine === "SQLite" ? "sqlite://target/end2end/hearth.db?mode=rwc" : process.env.HEARTH_E2E_DATABASE_URL!;
  execFileSync("./target/release/server", ["create-admin", "--email", email, "--name", "Root Admin"], {
    cwd: "..",
    env: { ...process.env, DATABASE_URL: databaseURL, HEARTH_ADMIN_PASSWORD: PASSWORD, RUST_LOG: "warn" },
    stdio: "pipe",
  });
}

async function axeClean(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target).join(", ")})`);
  expect(serious).toEqual([]);
}

test("an admin disables a member, whose open page is signed out on its next action; enabling lets them back", DATABASE, async ({ browser }) => {
  const memberEmail = uniqueEmail();
  const member = await (await browser.newContext()).newPage();
  await register(member, memberEmail);

  const adminEmail = uniqueEmail();
  createAdmin(adminEmail);
  const admin = await (await browser.newContext()).newPage();
  // The admin pages keep to the content security policy like every other (see csp.spec.ts).
  const violations: string[] = [];
  admin.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await logIn(admin, adminEmail);
  await admin.getByRole("link", { name: "Admin" }).first().click();
  await expect(admin).toHaveURL(/\/admin\/users$/);
  await axeClean(admin);

  // Find the member by part of the address, open the account, disable it.
  await admin.getByLabel("Name or e-mail address contains").fill(memberEmail.slice(0, 18));
  await admin.getByRole("button", { name: "Search" }).click();
  await expect(admin.getByRole("cell", { name: memberEmail })).toBeVisible();
  await admin.getByRole("link", { name: "Ann Lee" }).first().click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Ann Lee");
  await axeClean(admin);
  await admin.getByRole("button", { name: "Disable account" }).click();
  await expect(admin.getByText("The account is saved.")).toBeVisible();
  await expect(admin.getByText(/^Disabled since/)).toBeVisible();

  // The member's page was open all along; its next action finds the session gone.
  await member.goto("/settings");
  await expect(member).toHaveURL(/\/login\?next=%2Fsettings/);
  await member.getByLabel("E-mail address").fill(memberEmail);
  await member.getByLabel("Password").fill(PASSWORD);
  await member.getByRole("button", { name: "Log in" }).click();
  await expect(member.getByRole("alert").filter({ hasText: /./ })).toContainText("This account has been disabled");

  await admin.getByRole("button", { name: "Enable account" }).click();
  await expect(admin.getByText("The account is saved.")).toBeVisible();
  // Passwords are never kept in a form that comes back.
  await member.getByLabel("Password").fill(PASSWORD);
  await member.getByRole("button", { name: "Log in" }).click();
  await expect(member).toHaveURL(/\/settings$/);

  // The audit log tells the story, newest first.
  await admin.goto("/admin/audit?action=account.disabled");
  await expect(admin.getByRole("cell", { name: "Account disabled" }).first()).toBeVisible();
  await axeClean(admin);
  expect(violations).toEqual([]);
});

test("members and visitors never see the admin area", DATABASE, async ({ page, browser }) => {
  await register(page, uniqueEmail());
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
  const forbidden = await page.goto("/admin/users");
  expect(forbidden?.status()).toBe(403);
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/admin/audit");
  await expect(visitor).toHaveURL(/\/login\?next=%2Fadmin%2Faudit/);
});

test("the audit filters say which value cannot be read, by the field", DATABASE, async ({ page }) => {
  const email = uniqueEmail();
  createAdmin(email);
  await logIn(page, email);
  await page.goto("/admin/audit?person=someone");
  await waitForHydration(page);
  await expect(page.getByLabel("Account id")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("This value cannot be read. Check it and try again.")).toBeVisible();
});
