import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "@playwright/test";

// The letters the server sent, as the real SMTP sink `make test` starts (aiosmtpd) received
// them: one file each in a Maildir, read here the way a test reads a page.
function maildir(): string {
  const dir = process.env.HEARTH_TEST_MAILDIR;
  if (!dir) {
    throw new Error(
      "HEARTH_TEST_MAILDIR is not set: run the suite with `make test`, which starts an SMTP sink and sets it",
    );
  }
  return dir;
}

/** A received letter's raw text with its quoted-printable lines joined and decoded. */
function decoded(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === "=" && /^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

function lettersTo(address: string): string[] {
  const found: string[] = [];
  for (const folder of ["new", "cur"]) {
    let names: string[] = [];
    try {
      names = readdirSync(join(maildir(), folder));
    } catch {
      continue;
    }
    for (const name of names) {
      const raw = readFileSync(join(maildir(), folder, name), "utf8");
      if (raw.split(/\r?\n/).some((line) => line === `To: ${address}`)) {
        found.push(decoded(raw));
      }
    }
  }
  return found;
}

/**
 * Waits for a letter to `address` whose subject is `subject` and returns the address of its
 * link to `path` (`/verify-email`, …), pointed at `baseURL`.
 */
export async function linkInLetter(address: string, subject: string, path: string, baseURL: string) {
  let letter: string | undefined;
  await expect
    .poll(
      () => {
        letter = lettersTo(address).find((text) => text.includes(`Subject: ${subject}`));
        return letter !== undefined;
      },
      { message: `a letter "${subject}" to ${address}`, timeout: 15_000 },
    )
    .toBe(true);
  const link = letter!.match(new RegExp(`https?://[^\\s"<>]*${path.replace(/\//g, "\\/")}\\?token=[A-Za-z0-9_-]+`));
  expect(link, `a link to ${path} in ${letter}`).not.toBeNull();
  const url = new URL(link![0]);
  return new URL(url.pathname + url.search, baseURL).toString();
}
