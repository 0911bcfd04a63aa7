import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

// Where the server's standard error (and so any panic) goes during a pass on `engine`, relative
// to the repository root, where the server runs.
export function serverLog(engine: string): string {
  return `target/end2end/server-${engine}.log`;
}

// The global teardown: fails the run when the server panicked, which a test whose responses
// stayed 200 would not notice (a panic in a background task of the server, say).
export default function checkServerLog() {
  const log = join(__dirname, "..", serverLog(process.env.HEARTH_E2E_ENGINE ?? "SQLite"));
  if (!existsSync(log)) {
    throw new Error(`${log} is missing: the server's standard error was not captured`);
  }
  const panics = readFileSync(log, "utf8")
    .split("\n")
    .filter((line) => line.includes(" panicked at "));
  if (panics.length > 0) {
    throw new Error(`The server panicked ${panics.length} time(s) during the run (${log}):\n${panics.join("\n")}`);
  }
}
