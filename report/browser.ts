/**
 * Opening a report in headless Chromium (Debian's `chromium`), for the browser test and the
 * bench. Not part of the library's exports: it needs the `playwright-core` dev dependency.
 *
 * Rules:
 *  1. The browser is /usr/bin/chromium (CHROMIUM overrides), started headless with a fresh
 *     profile in a temporary folder and every background service off, so it never reaches
 *     the network on its own.
 *  2. Every request the page makes other than its own file is refused and recorded: a report
 *     must need nothing else.
 *  3. Console errors and uncaught page errors are recorded.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { chromium } from "playwright-core";

/** Rule 1. */
export const CHROMIUM = process.env["CHROMIUM"] ?? "/usr/bin/chromium";

/** Is the browser installed? */
export const hasChromium = (): boolean => existsSync(CHROMIUM);

/** A page on an opened report, with what it did wrong (rules 2 and 3). */
export interface OpenedReport {
  readonly page: Page;
  readonly errors: string[];
  readonly requests: string[];
  close(): Promise<void>;
}

/** Open `file` (a path) at the given viewport. */
export const openReport = async (file: string, viewport = { width: 1600, height: 1000 }): Promise<OpenedReport> => {
  const profile = mkdtempSync(join(tmpdir(), "ioasid-chromium-"));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, viewport,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const url = pathToFileURL(file).href;
  const errors: string[] = [];
  const requests: string[] = [];
  const page = context.pages()[0] ?? await context.newPage();
  await page.route("**/*", (route) => {
    const u = route.request().url();
    if (u === url) return route.continue();
    requests.push(u);
    return route.abort();
  });
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  await page.goto(url, { waitUntil: "load" });
  return {
    page, errors, requests,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};
