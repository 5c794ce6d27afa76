import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";

export const SCREENSHOTS = path.resolve(import.meta.dirname, "../../test-results/screenshots");

/** Debian's Chromium, headless, as shared/STACK.md proved it on these machines. */
export async function launchChromium(): Promise<Browser> {
  await mkdir(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--disable-gpu"],
  });
}

export interface WatchedPage {
  page: Page;
  /** Content-Security-Policy violations seen so far (event or console report). */
  cspViolations: string[];
  /** Uncaught page errors. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * A fresh context and page that records CSP violations and page errors. The listener is an
 * init script run through the DevTools protocol, so it is not itself subject to the CSP and
 * adds no global to the page.
 */
export async function openPage(browser: Browser, opts: BrowserContextOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 820 }, locale: "fr-CA", ...opts });
  const page = await context.newPage();
  const cspViolations: string[] = [];
  const errors: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`[csp-violation] ${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on("console", (m) => {
    const text = m.text();
    if (text.startsWith("[csp-violation]") || /Content Security Policy|Trusted Type/i.test(text)) cspViolations.push(text);
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return { page, cspViolations, errors, close: () => context.close() };
}

let axeSource: Promise<string> | null = null;

/**
 * Runs axe-core (WCAG 2 A/AA rules) in the page, shadow roots included, and returns the
 * serious and critical violations. The source is evaluated over DevTools, not injected as
 * an inline <script>, so the page's strict CSP stays on.
 */
export async function seriousAxeViolations(page: Page, include?: string): Promise<{ id: string; impact: string; help: string; targets: string[] }[]> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  await page.evaluate(await axeSource);
  const violations = await page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(selector ? { include: [[selector]] } : document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? "", help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  }, include ?? null);
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}
