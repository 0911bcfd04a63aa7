import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DATABASE, logIn, register, uniqueEmail } from "./account";
import { linkInLetter } from "../mailbox";
import { waitForHydration } from "./hydration";

async function axeClean(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target).join(", ")})`);
  expect(serious).toEqual([]);
}

/** A workspace with a project, made through the pages; the project board's address. */
async function projectBoard(page: Page, key: string): Promise<string> {
  await page.goto("/workspaces");
  await page.getByLabel("Name").fill("Acme");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}$/);
  await page.getByLabel("Name").fill("Website");
  await page.getByLabel("Key").fill(key);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname;
}

test("tasks on the board: add, move by keyboard, open, edit; a stale edit keeps the typed text", DATABASE, async ({ browser }) => {
  test.slow();
  const email = uniqueEmail();
  const ann = await (await browser.newContext()).newPage();
  await register(ann, email);
  const board = await projectBoard(ann, "WEB");
  await expect(ann.getByRole("heading", { level: 1 })).toHaveText("Website");
  await axeClean(ann);

  for (const title of ["Write the launch copy", "Pick the colours"]) {
    await ann.getByLabel("New task").fill(title);
    await ann.getByRole("button", { name: "Add task" }).click();
    await expect(ann.getByText("The task is added.")).toBeVisible();
  }
  const todo = ann.getByRole("region", { name: /^To do/ });
  const inProgress = ann.getByRole("region", { name: /^In progress/ });
  await expect(todo.getByRole("link", { name: "WEB-1 Write the launch copy" })).toBeVisible();
  await expect(todo.getByRole("link", { name: "WEB-2 Pick the colours" })).toBeVisible();

  // Move WEB-1 one column on with the keyboard only: focus its button, press Enter.
  const move = todo.getByRole("button", { name: "In progress (Write the launch copy)" });
  await move.focus();
  await ann.keyboard.press("Enter");
  await expect(ann.getByText("The task is moved.")).toBeVisible();
  await expect(inProgress.getByRole("link", { name: "WEB-1 Write the launch copy" })).toBeVisible();
  await expect(todo.getByRole("link", { name: "WEB-1 Write the launch copy" })).toHaveCount(0);
  await axeClean(ann);

  // Drag WEB-2 straight to Done (the board's script moves it and loads the board again).
  await waitForHydration(ann);
  const done = ann.getByRole("region", { name: /^Done/ });
  await todo.getByRole("listitem").filter({ hasText: "Pick the colours" }).dragTo(done);
  await expect(done.getByRole("link", { name: "WEB-2 Pick the colours" })).toBeVisible();
  await expect(todo.getByRole("link", { name: "WEB-2 Pick the colours" })).toHaveCount(0);

  // Two people open WEB-1; the first saves; the second is told and keeps their text.
  await inProgress.getByRole("link", { name: "WEB-1 Write the launch copy" }).click();
  await expect(ann.getByRole("heading", { level: 1 })).toHaveText("Write the launch copy");
  const taskPage = ann.url();
  const other = await (await browser.newContext()).newPage();
  await logIn(other, email);
  await other.goto(taskPage);
  await axeClean(ann);

  await ann.getByLabel("Description").fill("Short and warm.");
  await ann.getByRole("button", { name: "Save" }).click();
  await expect(ann.getByText("The task is saved.")).toBeVisible();

  await other.getByLabel("Title", { exact: true }).fill("Write the launch copy, in five languages");
  await other.getByLabel("Description").fill("My own notes");
  await other.getByRole("button", { name: "Save" }).click();
  await expect(other.getByRole("alert").filter({ hasText: "Someone changed this while you were editing it." })).toBeVisible();
  await expect(other.getByLabel("Title", { exact: true })).toHaveValue("Write the launch copy, in five languages");
  await expect(other.getByLabel("Description")).toHaveValue("My own notes");
  await expect(other.getByText("Short and warm.").first()).toBeVisible();
  // Saving again applies the kept text to the new version.
  await other.getByRole("button", { name: "Save" }).click();
  await expect(other.getByText("The task is saved.")).toBeVisible();
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Write the launch copy, in five languages");

  // A file attached with the progress bar's script, listed, downloaded as it was sent; an image
  // gets its small picture from the job.
  const plan = "Launch plan: Monday, then the press.\n";
  await ann.getByLabel("File", { exact: true }).setInputFiles({ name: "plan.txt", mimeType: "text/plain", buffer: Buffer.from(plan) });
  await ann.getByRole("button", { name: "Upload" }).click();
  await expect(ann.getByText("The file is attached.")).toBeVisible();
  const files = ann.getByRole("list", { name: "Attachments" });
  const [download] = await Promise.all([ann.waitForEvent("download"), files.getByRole("link", { name: "plan.txt" }).click()]);
  expect(download.suggestedFilename()).toBe("plan.txt");
  expect(readFileSync(await download.path(), "utf8")).toBe(plan);
  const pixel = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
  await ann.getByLabel("File", { exact: true }).setInputFiles({ name: "dot.png", mimeType: "image/png", buffer: pixel });
  await ann.getByRole("button", { name: "Upload" }).click();
  await expect(files.getByRole("link", { name: "dot.png" })).toBeVisible();
  await expect(async () => {
    await ann.reload();
    await expect(files.locator("img")).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 15000 });
  await axeClean(ann);
  await files.getByRole("button", { name: "Delete plan.txt" }).click();
  await expect(ann.getByText("The file is deleted.")).toBeVisible();
  await expect(files.getByRole("link", { name: "plan.txt" })).toHaveCount(0);

  // The history tells who changed what.
  await expect(ann.getByRole("list", { name: "History" })).toBeVisible();
  await ann.reload();
  await expect(ann.getByRole("list", { name: "History" })).toContainText("created the task");
  await expect(ann.getByRole("list", { name: "History" })).toContainText("moved it from To do to In progress");

  // The list view filters by status, in the address.
  await ann.goto(`${board}/list?status=done`);
  await expect(ann.getByRole("link", { name: "WEB-2 Pick the colours" })).toBeVisible();
  await expect(ann.getByRole("link", { name: /WEB-1/ })).toHaveCount(0);
  await axeClean(ann);
});

test("a viewer reads the board and the tasks but cannot change them", DATABASE, async ({ browser, baseURL }) => {
  test.slow();
  const ownerEmail = uniqueEmail();
  const owner = await (await browser.newContext()).newPage();
  await register(owner, ownerEmail);
  const confirm = await linkInLetter(ownerEmail, "Confirm your e-mail address for Hearth", "/verify-email", baseURL!);
  await owner.goto(confirm);
  await owner.getByRole("button", { name: "Confirm my address" }).click();
  await expect(owner).toHaveURL(/\/dashboard$/);
  const board = await projectBoard(owner, "OPS");
  await owner.getByLabel("New task").fill("Renew the certificate");
  await owner.getByRole("button", { name: "Add task" }).click();
  await expect(owner.getByText("The task is added.")).toBeVisible();

  // The owner invites someone as a viewer; they accept from the letter.
  const viewerEmail = uniqueEmail();
  await owner.getByRole("link", { name: "Acme" }).first().click();
  await owner.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "People" }).click();
  await owner.getByLabel("Their e-mail address").fill(viewerEmail);
  await owner.getByLabel("Role", { exact: true }).selectOption("viewer");
  await owner.getByRole("button", { name: "Send invitation" }).click();
  await expect(owner.getByText("The invitation is on its way.")).toBeVisible();
  const viewer = await (await browser.newContext()).newPage();
  await register(viewer, viewerEmail);
  await viewer.goto(await linkInLetter(viewerEmail, "Ann Lee invited you to Acme on Hearth", "/invitation", baseURL!));
  await viewer.getByRole("button", { name: "Accept" }).click();
  await expect(viewer.getByText("Your role: Viewer")).toBeVisible();

  await viewer.goto(board);
  await expect(viewer.getByRole("link", { name: "OPS-1 Renew the certificate" })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Add task" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /In progress/ })).toHaveCount(0);
  await viewer.getByRole("link", { name: "OPS-1 Renew the certificate" }).click();
  await expect(viewer.getByRole("heading", { level: 1 })).toHaveText("Renew the certificate");
  await expect(viewer.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Delete task" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Add comment" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Upload" })).toHaveCount(0);
  await axeClean(viewer);

  // The owner mentions the viewer in a comment; the viewer finds it among their notifications.
  await owner.goto(viewer.url());
  await owner.getByLabel("Comment", { exact: true }).fill(`@${viewerEmail.split("@")[0]} please check the expiry date`);
  await owner.getByRole("button", { name: "Add comment" }).click();
  await expect(owner.getByText("Your comment is added.")).toBeVisible();
  await viewer.goto("/tasks");
  await viewer.getByRole("link", { name: "Notifications (unread: 1)" }).click();
  await expect(viewer.getByText("Ann Lee mentioned you on OPS-1 Renew the certificate")).toBeVisible();
  await axeClean(viewer);
  await viewer.getByRole("button", { name: "Open (OPS-1)" }).click();
  await expect(viewer.getByRole("heading", { level: 1 })).toHaveText("Renew the certificate");
  await expect(viewer.getByRole("list", { name: "Comments" })).toContainText("please check the expiry date");
  await viewer.goto("/tasks");
  await expect(viewer.getByRole("link", { name: "Notifications (unread: 0)" })).toBeVisible();
});
