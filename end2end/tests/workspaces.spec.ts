import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DATABASE, register, uniqueEmail } from "./account";
import { linkInLetter } from "../mailbox";

async function axeClean(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target).join(", ")})`);
  expect(serious).toEqual([]);
}

/** Registers `email` and confirms the address from the letter in the SMTP sink. */
async function registerConfirmed(page: Page, email: string, baseURL: string) {
  await register(page, email);
  const link = await linkInLetter(email, "Confirm your e-mail address for Hearth", "/verify-email", baseURL);
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

test("make a workspace, invite someone by e-mail, they accept from the letter; roles decide who manages", DATABASE, async ({ browser, baseURL }) => {
  // Two people, a dozen pages and five accessibility checks: more than the default time on a
  // busy machine.
  test.slow();
  const annEmail = uniqueEmail();
  const boEmail = uniqueEmail();
  const ann = await (await browser.newContext()).newPage();
  const violations: string[] = [];
  ann.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await registerConfirmed(ann, annEmail, baseURL!);

  // From the header to a new workspace.
  await ann.getByRole("link", { name: "Workspaces" }).first().click();
  await expect(ann).toHaveURL(/\/workspaces$/);
  await expect(ann.getByText("You are not in any workspace yet.")).toBeVisible();
  await axeClean(ann);
  // Only spaces get past the browser's own check; the server's message sits by the field.
  await ann.getByLabel("Name").fill("   ");
  await ann.getByRole("button", { name: "Create workspace" }).click();
  await expect(ann.getByText("This field is required.")).toBeVisible();
  await ann.getByLabel("Name").fill("Acme");
  await ann.getByRole("button", { name: "Create workspace" }).click();
  await expect(ann).toHaveURL(/\/w\/[0-9a-f-]{36}$/);
  const home = ann.url();
  await expect(ann.getByRole("heading", { level: 1 })).toHaveText("Acme");
  await expect(ann.getByText("Your role: Owner")).toBeVisible();
  await axeClean(ann);

  // Invite Bo as a member.
  await ann.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "People" }).click();
  await ann.getByLabel("Their e-mail address").fill(boEmail);
  await ann.getByRole("button", { name: "Send invitation" }).click();
  await expect(ann.getByText("The invitation is on its way.")).toBeVisible();
  await expect(ann.getByRole("region", { name: "Open invitations" })).toContainText(boEmail);
  await axeClean(ann);

  // Bo opens the letter before having an account: the page asks to register first, and
  // brings Bo back.
  const link = await linkInLetter(boEmail, "Ann Lee invited you to Acme on Hearth", "/invitation", baseURL!);
  const bo = await (await browser.newContext()).newPage();
  await bo.goto(link);
  await expect(bo.getByText("Ann Lee invited you to Acme as Member.")).toBeVisible();
  await axeClean(bo);
  await register(bo, boEmail);
  await bo.goto(link);
  await bo.getByRole("button", { name: "Accept" }).click();
  await expect(bo).toHaveURL(home);
  await expect(bo.getByText("Welcome to the workspace.")).toBeVisible();
  await expect(bo.getByText("Your role: Member")).toBeVisible();

  // Ann makes Bo a viewer; Bo sees the people but cannot manage them.
  await ann.reload();
  await expect(ann.getByRole("region", { name: "Open invitations" })).toHaveCount(0);
  await ann.getByLabel("Role of Ann Lee").selectOption("viewer");
  await ann.getByRole("button", { name: "Save role" }).click();
  await expect(ann.getByText("The role is saved.")).toBeVisible();
  await bo.goto(`${home}/people`);
  await expect(bo.getByRole("heading", { level: 1 })).toHaveText("People");
  await expect(bo.getByText(annEmail)).toBeVisible();
  await expect(bo.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  await expect(bo.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  await bo.goto(`${home}/settings`);
  await expect(bo.getByRole("button", { name: "Delete workspace" })).toHaveCount(0);
  await expect(bo.getByRole("button", { name: "Leave" })).toBeVisible();

  // A second workspace: the switcher goes between them.
  await ann.goto("/workspaces");
  await ann.getByLabel("Name").fill("Beta");
  await ann.getByRole("button", { name: "Create workspace" }).click();
  await expect(ann.getByRole("heading", { level: 1 })).toHaveText("Beta");
  await ann.getByText("Switch workspace").locator("..").click();
  await ann.getByRole("link", { name: "Acme" }).click();
  await expect(ann).toHaveURL(home);

  // Bo leaves; the workspace is gone for Bo.
  await bo.getByRole("button", { name: "Leave" }).click();
  await expect(bo).toHaveURL(/\/workspaces$/);
  await expect(bo.getByText("You left the workspace.")).toBeVisible();
  await bo.goto(home);
  await expect(bo.getByRole("heading", { level: 1 })).toHaveText("There is no such workspace, or you are not a member of it.");
  expect(violations).toEqual([]);
});

test("the workspace pages fit a 360 px screen and work by keyboard", DATABASE, async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await register(page, uniqueEmail());
  await page.goto("/workspaces");
  await page.getByLabel("Name").focus();
  await page.keyboard.type("Keyboard Co");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Keyboard Co");
  for (const part of ["", "/people", "/settings"]) {
    await page.goto(`${new URL(page.url()).pathname.replace(/\/(people|settings)$/, "")}${part}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${part || "home"} scrolls sideways`).toBeLessThanOrEqual(0);
    await axeClean(page);
  }
  // Deleting needs the name typed again.
  await page.getByLabel("Type Keyboard Co to confirm").fill("keyboard co");
  await page.getByRole("button", { name: "Delete workspace" }).click();
  await expect(page.getByText("Type the name exactly as shown to confirm.")).toBeVisible();
  await page.getByLabel("Type Keyboard Co to confirm").fill("Keyboard Co");
  await page.getByRole("button", { name: "Delete workspace" }).click();
  await expect(page).toHaveURL(/\/workspaces$/);
  await expect(page.getByText("The workspace and everything in it are deleted.")).toBeVisible();
});

for (const locale of ["en", "de", "fr", "es", "ar"]) {
  test(`the workspace pages read well and stay accessible in ${locale}`, DATABASE, async ({ page, context, baseURL }) => {
    await register(page, uniqueEmail());
    await page.goto("/workspaces");
    await page.getByLabel("Name").fill("Polyglot");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}$/);
    const home = new URL(page.url()).pathname;
    await context.addCookies([{ name: "locale", value: locale, url: baseURL! }]);
    for (const path of ["/workspaces", home, `${home}/people`, `${home}/settings`]) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expect(page.getByRole("heading", { level: 1 })).not.toBeEmpty();
      await axeClean(page);
    }
  });
}
