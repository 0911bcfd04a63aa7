import { mkdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import { brotliDecompressSync } from "node:zlib";

// What a first visit to a page costs: the JS, WASM and CSS its HTML makes the browser download,
// counted in bytes as they cross the wire (compressed as served). It is a size check, not a
// timing, so it gives the same answer on a fast machine and a slow one.

/** Budgets are in kilobytes of 1000 bytes. */
export const KB = 1000;

/** One file the page references, as the server sent it. */
export interface Download {
  url: string;
  status: number;
  encoding: string;
  bytes: number;
}

export interface FirstLoad {
  page: string;
  status: number;
  /** Where the server sent the browser instead, if it did (a guarded page when signed out). */
  location?: string;
  /** The page's own HTML on the wire: shown, but not part of the budget. */
  htmlBytes: number;
  files: Download[];
  /** The sum of `files`: what the budget is about. */
  total: number;
  budget: number;
}

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

// A bare `http.get`: it follows no redirect and hands over the body exactly as sent, so its
// length is the compressed size. Node's `fetch` and Playwright's `request` decompress bodies
// and hide that number. Every request accepts Brotli, as every current browser does.
function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": "br", ...headers } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on("error", reject);
  });
}

function text({ headers, body }: Raw): string {
  const encoding = headers["content-encoding"] ?? "identity";
  if (encoding === "br") return brotliDecompressSync(body).toString("utf8");
  if (encoding === "identity") return body.toString("utf8");
  throw new Error(`Content-Encoding ${encoding} was not asked for`);
}

// Any quoted URL of a script, module, WASM or style sheet: the `href` of `<link>`s (style sheet,
// modulepreload, preload), the `src` of `<script>`s and literal paths inside inline scripts.
const ASSET_URL = /["'`]((?:https?:)?\/[^"'`\s<>]*?\.(?:m?js|wasm|css)(?:\?[^"'`\s<>]*)?)["'`]/g;
const INLINE_SCRIPT = /<script\b[^>]*>([\s\S]*?)<\/script>/gi;
// Leptos's hydration script (and its islands script) builds its two URLs when it runs, from
// the arguments it is called with: `("", "pkg", "hearth.HASH", "hearth.HASH", false)` is root,
// package folder, JS name and WASM name. Reading them means the count does not depend on the
// preload links that happen to repeat those URLs today.
const LITERAL = String.raw`("(?:[^"\\]|\\.)*")`;
const ARGUMENT = String.raw`\s*${LITERAL}\s*`;
const HYDRATION_CALL = new RegExp(String.raw`\(${ARGUMENT},${ARGUMENT},${ARGUMENT},${ARGUMENT}[,)]`, "g");

/** The same-origin JS, WASM and CSS files `html` (served at `pageURL`) makes a browser download. */
export function bundleReferences(html: string, pageURL: URL): string[] {
  const found: string[] = [...html.matchAll(ASSET_URL)].map((match) => match[1]);
  for (const [, script] of html.matchAll(INLINE_SCRIPT)) {
    for (const call of script.matchAll(HYDRATION_CALL)) {
      const [root, pkg, js, wasm] = call.slice(1, 5).map((literal) => JSON.parse(literal) as string);
      found.push(`${root}/${pkg}/${js}.js`, `${root}/${pkg}/${wasm}.wasm`);
    }
  }
  const urls = found.map((reference) => new URL(reference.replaceAll("&amp;", "&"), pageURL));
  return [...new Set(urls.filter((url) => url.origin === pageURL.origin).map((url) => url.href))];
}

/**
 * Loads `page` as a first visit would (no cache; `cookie` for a signed-in visit) and weighs
 * every file its HTML references. Returns the page's HTML too, for checks on what was served.
 */
export async function measureFirstLoad(
  baseURL: string,
  page: string,
  budget: number,
  cookie?: string,
): Promise<{ result: FirstLoad; html: string }> {
  const pageURL = new URL(page, baseURL);
  // A browser says it wants HTML: only then does the server answer a guarded page with a real
  // redirect rather than a page carrying a `Location` header.
  const response = await get(pageURL.href, { accept: "text/html", ...(cookie ? { cookie } : {}) });
  const html = text(response);
  const files: Download[] = [];
  for (const url of bundleReferences(html, pageURL)) {
    const { status, headers, body } = await get(url);
    const path = new URL(url);
    files.push({
      url: path.pathname + path.search,
      status,
      encoding: headers["content-encoding"] ?? "identity",
      bytes: body.length,
    });
  }
  const result: FirstLoad = {
    page,
    status: response.status,
    location: response.headers.location,
    htmlBytes: response.body.length,
    files,
    total: files.reduce((sum, file) => sum + file.bytes, 0),
    budget,
  };
  return { result, html };
}

export const kilobytes = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

/** The numbers as a small table, for the run's output. */
export function table({ page, files, total, budget, htmlBytes }: FirstLoad, target?: number): string {
  const width = Math.max(5, ...files.map((file) => file.url.length));
  const row = (name: string, bytes: number, note = "") =>
    `  ${name.padEnd(width)} ${bytes.toLocaleString("en").padStart(9)} B  ${note}`.trimEnd();
  return [
    `First load of ${page}`,
    ...files.map((file) => row(file.url, file.bytes, file.status === 200 ? file.encoding : `HTTP ${file.status}`)),
    row("total", total, `${kilobytes(total)} of ${kilobytes(budget)}${total > budget ? ": OVER BUDGET" : ""}`),
    ...(target === undefined
      ? []
      : [row("target", target, total > target ? `not met yet: ${kilobytes(total - target)} over` : "met")]),
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
