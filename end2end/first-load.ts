import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page, Request } from "@playwright/test";
import { waitForHydration } from "./tests/hydration";

// What a first visit to a page costs: the JS, WASM and CSS the browser downloads for it, counted
// in bytes as they cross the wire (compressed as served). It is a size check, not a timing, so it
// gives the same answer on a fast machine and a slow one.

/** Budgets are in kilobytes of 1000 bytes. */
export const KB = 1000;

/** One file the browser fetched for the page, as the server sent it. */
export interface Download {
  url: string;
  status: number;
  encoding: string;
  bytes: number;
}

export interface FirstLoad {
  page: string;
  status: number;
  /** The page's own HTML on the wire: shown, but not part of the budget. */
  htmlBytes: number;
  files: Download[];
  /** The sum of `files`: what the budget is about. */
  total: number;
  budget: number;
}

/**
 * Loads `path` in `page` as a first visit would (a fresh context: no cache, no service worker)
 * and weighs every JS, WASM and CSS file the browser fetched until the page was hydrated and the
 * network idle: what the HTML references, and the parts of the bundle an island loads when it
 * hydrates (`#[island(lazy)]`, split out by `cargo leptos build --split`), which no HTML names.
 * The browser asks for brotli as it does over HTTPS (it does not over plain HTTP); the sizes are
 * the bodies as they crossed the wire, which is what Chromium reports for each request.
 */
export async function measureFirstLoad(
  page: Page,
  baseURL: string,
  path: string,
  budget: number,
): Promise<{ result: FirstLoad; html: string }> {
  const origin = new URL(baseURL).origin;
  await page.setExtraHTTPHeaders({ "accept-encoding": "br" });
  const downloads: Promise<Download | undefined>[] = [];
  page.on("requestfinished", (request) => downloads.push(weigh(request, origin)));
  page.on("requestfailed", (request) => downloads.push(weigh(request, origin)));
  const response = await page.goto(new URL(path, baseURL).href);
  if (!response) throw new Error(`no response for ${path}`);
  await waitForHydration(page);
  await page.waitForLoadState("networkidle");
  const files = (await Promise.all(downloads)).filter((file): file is Download => file !== undefined);
  const result: FirstLoad = {
    page: path,
    status: response.status(),
    htmlBytes: (await response.request().sizes()).responseBodySize,
    files,
    total: files.reduce((sum, file) => sum + file.bytes, 0),
    budget,
  };
  return { result, html: await page.content() };
}

const BUNDLE_FILE = /\.(?:m?js|wasm|css)$/;

async function weigh(request: Request, origin: string): Promise<Download | undefined> {
  const url = new URL(request.url());
  if (url.origin !== origin || !BUNDLE_FILE.test(url.pathname)) return undefined;
  const response = await request.response();
  return {
    url: url.pathname + url.search,
    status: response?.status() ?? 0,
    encoding: (await response?.headerValue("content-encoding")) ?? "identity",
    bytes: (await request.sizes()).responseBodySize,
  };
}

export const kilobytes = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

/** The numbers as a small table, for the run's output. */
export function table({ page, files, total, budget, htmlBytes }: FirstLoad): string {
  const width = Math.max(5, ...files.map((file) => file.url.length));
  const row = (name: string, bytes: number, note = "") =>
    `  ${name.padEnd(width)} ${bytes.toLocaleString("en").padStart(9)} B  ${note}`.trimEnd();
  return [
    `First load of ${page}`,
    ...files.map((file) => row(file.url, file.bytes, file.status === 200 ? file.encoding : `HTTP ${file.status}`)),
    row("total", total, `${kilobytes(total)} of ${kilobytes(budget)}${total > budget ? ": OVER BUDGET" : ""}`),
    row("(HTML)", htmlBytes, "the page itself, not counted"),
  ].join("\n");
}

// Each page's numbers are also written to a file of their own, one folder per engine
// (`target/end2end/first-load-SQLite/login.json`), for tools that follow the sizes over time.
const engine = process.env.HEARTH_E2E_ENGINE ?? "SQLite";
const resultsDir = join(__dirname, "..", "target", "end2end", `first-load-${engine}`);

export function record(result: FirstLoad) {
  const name = result.page.replace(/^\/|\/$/g, "").replaceAll("/", "-") || "home";
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${name}.json`), `${JSON.stringify({ engine, ...result }, null, 2)}\n`);
}
