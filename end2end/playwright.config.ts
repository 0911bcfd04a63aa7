import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./chromium";
import { serverLog } from "./server-log";

// The suite runs against the real release server (built by `cargo leptos build --release`)
// in Debian's Chromium; Playwright's own browser downloads are not used.
const port = Number(process.env.HEARTH_E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

// The engine this pass runs on: SQLite (the default) or PostgreSQL, which needs its URL. The
// `engine` test checks through /readyz that the server really runs on it.
const engine = process.env.HEARTH_E2E_ENGINE ?? "SQLite";
const databaseURL =
  engine === "SQLite"
    ? "sqlite://target/end2end/hearth.db?mode=rwc"
    : process.env.HEARTH_E2E_DATABASE_URL;
if (engine !== "SQLite" && engine !== "PostgreSQL") {
  throw new Error(`HEARTH_E2E_ENGINE=${engine}: expected SQLite or PostgreSQL`);
}
if (!databaseURL) {
  throw new Error("HEARTH_E2E_ENGINE=PostgreSQL needs HEARTH_E2E_DATABASE_URL");
}
// Letters go to the real SMTP sink `make test` starts; the tests read what it received.
const smtpURL = process.env.HEARTH_TEST_SMTP_URL;
if (!smtpURL) {
  throw new Error("HEARTH_TEST_SMTP_URL is not set: run the suite with `make test`, which starts an SMTP sink");
}

export default defineConfig({
  testDir: "./tests",
  // One folder per engine: the two passes may run at the same time.
  outputDir: `../target/end2end/results-${engine}`,
  fullyParallel: true,
  // A `test.only` left behind would silently skip the rest: never allowed.
  forbidOnly: true,
  retries: 0,
  workers: 2,
  reporter: [["list"], ["html", { outputFolder: `../target/end2end/report-${engine}`, open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    // Screenshots a test takes on purpose are kept in target/end2end/results.
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: chromiumLaunchOptions,
      },
    },
  ],
  // The server's standard error (where a panic is written) goes to a file that the global
  // teardown reads: a panic fails the run even when every test passed.
  globalTeardown: "./server-log.ts",
  webServer: {
    command: `./target/release/server 2>${serverLog(engine)}`,
    cwd: "..",
    url: `${baseURL}/readyz`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: "ignore",
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: "target/site",
      DATABASE_URL: databaseURL,
      SMTP_URL: smtpURL,
      HEARTH_E2E_ENGINE: engine,
      // Every test comes from 127.0.0.1: the limits per client address would count the whole
      // suite as one client. Failed log-ins per account are limited quickly enough for a test to
      // see the slow-down and its end (limits.spec.ts): three, then one every ten seconds (five
      // were too few for a loaded machine to make its five attempts within).
      HEARTH_LIMIT_LOGIN_PER_ADDRESS: "1000/1m",
      HEARTH_LIMIT_REGISTRATION_PER_ADDRESS: "1000/1m",
      HEARTH_LIMIT_MAIL_PER_ADDRESS: "1000/1m",
      HEARTH_LIMIT_PASSWORD_PER_ADDRESS: "1000/1m",
      HEARTH_LIMIT_API_PER_ADDRESS: "10000/1m",
      HEARTH_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: "3/30s",
    },
  },
});
