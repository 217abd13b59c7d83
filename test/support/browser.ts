/**
 * Real headless Chromium for the dashboard's browser tests: Debian's
 * `chromium` package (installed by `.ci/run`, or `apt-get install -y
 * chromium`), driven by playwright-core — never a downloaded browser build.
 * CHROMIUM_PATH overrides where it is looked for. Screenshots go to
 * test-artifacts/ (gitignored).
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium", "/snap/bin/chromium"];

/** The Chromium executable, or an error saying how to install it. */
export function findChromium(): string {
  const found = [process.env.CHROMIUM_PATH, ...CANDIDATES].find((path): path is string => Boolean(path) && existsSync(path!));
  if (!found) throw new Error("Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)");
  return found;
}

/** Launches headless Chromium (no sandbox: CI runs as root). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"] });
}

/** The folder for screenshots of `suite`, created if needed. */
export function artifactsDir(suite: string): string {
  const dir = join(process.cwd(), "test-artifacts", suite);
  mkdirSync(dir, { recursive: true });
  return dir;
}
