import { expect, test } from "@playwright/test";

// Each pass of the suite names its database engine (HEARTH_E2E_ENGINE, see
// playwright.config.ts); the server must really be running on it.
test("the server runs on the engine this pass is for", { tag: "@database" }, async ({ request }) => {
  const response = await request.get("/readyz");
  expect(response.status()).toBe(200);
  const ready = await response.json();
  expect(ready.database).toBe(process.env.HEARTH_E2E_ENGINE ?? "SQLite");
});
