import { expect, test } from "@playwright/test";
import { type FirstLoad, KB, kilobytes, measureFirstLoad, record, table } from "../first-load";

// How much JS, WASM and CSS a first visit downloads, compressed as served. Every page is held to
// the 200 KB any page may cost, and the pages people land on from outside (home, log in) to
// 100 KB.
const PASSWORD = "copper kettle rain lantern";
const uniqueEmail = () => `ann-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
const LANDING_BUDGET = 100 * KB;
const PAGES = [
  { page: "/", budget: LANDING_BUDGET, status: 200 },
  { page: "/login", budget: LANDING_BUDGET, status: 200 },
  { page: "/register", budget: 200 * KB, status: 200 },
  { page: "/ui", budget: 200 * KB, status: 200 },
  { page: "/offline", budget: 200 * KB, status: 200 },
  { page: "/no/such/page", budget: 200 * KB, status: 404 },
];
const DASHBOARD_BUDGET = 200 * KB;

// A first visit: nothing cached, and no service worker answering (it would, once installed,
// serve the lazily loaded parts from its cache).
test.use({ serviceWorkers: "block" });

/** Reports the numbers, then holds them to the budget. */
function check(result: FirstLoad) {
  console.log(table(result));
  record(result);
  // Every page hydrates, so a page without WASM, JS or CSS means the downloads were not seen,
  // and a count of nothing would pass any budget.
  for (const kind of [".js", ".wasm", ".css"]) {
    const found = result.files.some((file) => file.url.split("?")[0].endsWith(kind));
    expect(found, `${result.page} downloaded no ${kind} file`).toBe(true);
  }
  const missing = result.files
    .filter((file) => file.status !== 200)
    .map((file) => `${file.url} (HTTP ${file.status})`);
  expect(missing, `${result.page} asked for files the server does not serve`).toEqual([]);
  const weight = `${result.page}: a first visit downloads ${kilobytes(result.total)} of JS, WASM and CSS`;
  expect(result.total, `${weight}, over its budget of ${kilobytes(result.budget)}`).toBeLessThanOrEqual(result.budget);
}

for (const { page, budget, status } of PAGES) {
  test(`a first visit to ${page} stays within ${kilobytes(budget)}`, async ({ page: browser, baseURL }) => {
    const { result } = await measureFirstLoad(browser, baseURL!, page, budget);
    expect(result.status, `${page} answered ${result.status}`).toBe(status);
    check(result);
  });
}

const SIGNED_IN = `a first visit to /dashboard, signed in, stays within ${kilobytes(DASHBOARD_BUDGET)}`;
test(SIGNED_IN, { tag: "@database" }, async ({ page, baseURL }) => {
  // Signed in through the login form's server function, whose cookies the page's browser
  // context keeps (the API answers with tokens, never cookies).
  const email = uniqueEmail();
  const account = await page.request.post("/api/v1/auth/register", { data: { email, password: PASSWORD, name: "Ann Lee" } });
  expect(account.status(), await account.text()).toBe(201);
  const login = await page.request.post("/fn/log-in", { form: { email, password: PASSWORD }, maxRedirects: 0 });
  expect(login.status(), await login.text()).toBeLessThan(400);
  const names = ["hearth_access", "hearth_refresh"];
  const session = (await page.context().cookies()).filter((c) => names.includes(c.name));
  expect(session.map((c) => c.name).sort(), "logging in sets both session cookies").toEqual(names);

  const { result, html } = await measureFirstLoad(page, baseURL!, "/dashboard", DASHBOARD_BUDGET);
  // The dashboard itself, not the way to the login page.
  expect(result.status, `/dashboard answered ${result.status}`).toBe(200);
  expect(page.url()).toMatch(/\/dashboard$/);
  expect(html).toMatch(/<h1[^>]*>Welcome, Ann Lee<\/h1>/);
  check(result);
});

// The pages a team works in: the workspaces, a workspace, a project's board and list, a task
// and "My tasks" (and the API tokens' page), each a first visit in a fresh browser with the session's cookies.
test("a first visit to each workspace, project and task page stays within 200 KB", { tag: "@database" }, async ({ browser, baseURL }) => {
  const email = uniqueEmail();
  const setup = await (await browser.newContext()).newPage();
  const account = await setup.request.post("/api/v1/auth/register", { data: { email, password: PASSWORD, name: "Ann Lee" } });
  expect(account.status(), await account.text()).toBe(201);
  const tokens = await (await setup.request.post("/api/v1/auth/login", { data: { email, password: PASSWORD } })).json();
  const auth = { Authorization: `Bearer ${tokens.access_token}` };
  const workspace = await (await setup.request.post("/api/v1/workspaces", { headers: auth, data: { name: "Acme" } })).json();
  const project = await (
    await setup.request.post(`/api/v1/workspaces/${workspace.id}/projects`, { headers: auth, data: { name: "Website", key: "WEB" } })
  ).json();
  const task = await (await setup.request.post(`/api/v1/projects/${project.id}/tasks`, { headers: auth, data: { title: "Write the copy" } })).json();
  const login = await setup.request.post("/fn/log-in", { form: { email, password: PASSWORD }, maxRedirects: 0 });
  expect(login.status(), await login.text()).toBeLessThan(400);
  const cookies = (await setup.context().cookies()).filter((c) => c.name.startsWith("hearth_"));

  for (const path of [
    "/workspaces",
    `/w/${workspace.id}`,
    `/w/${workspace.id}/people`,
    `/projects/${project.id}`,
    `/projects/${project.id}/list`,
    `/tasks/${task.id}`,
    "/tasks",
    "/settings/tokens",
  ]) {
    const context = await browser.newContext({ serviceWorkers: "block" });
    await context.addCookies(cookies);
    const page = await context.newPage();
    const { result } = await measureFirstLoad(page, baseURL!, path, 200 * KB);
    expect(result.status, `${path} answered ${result.status}`).toBe(200);
    expect(new URL(page.url()).pathname).toBe(path);
    check(result);
    await context.close();
  }
});
