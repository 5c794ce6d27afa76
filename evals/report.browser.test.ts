/**
 * The HTML report as staff open it: a real run's report, opened from disk in Chromium,
 * self-contained (no request leaves the file), with the verdict, the metrics table, the chart
 * across runs and a failing case's drill-down; screenshotted to test-results/screenshots.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium, openPage, SCREENSHOTS } from "../tests/support/browser.js";
import { DATASETS_DIR, readDatasets, type Dataset } from "./cases.js";
import { historyEntry } from "./render/history.js";
import { runSuite, writeReports } from "./run.js";

const CORPUS = path.resolve(import.meta.dirname, "../corpus");

describe("HTML report", () => {
  let browser: Browser;
  let dir: string;
  let html: string;
  let second: Awaited<ReturnType<typeof runSuite>>;

  beforeAll(async () => {
    const all = await readDatasets(DATASETS_DIR);
    const pick = (name: string, n: number): Dataset => {
      const d = all.find((x) => x.name === name)!;
      return { ...d, cases: d.cases.slice(0, n) };
    };
    const target = { kind: "in-process" as const, options: { corpusDir: CORPUS } };
    // Two real runs, so the chart has a history to draw.
    const first = await runSuite({ datasets: [pick("conversations", 4)], target });
    // Plus one case labelled with the wrong kind on purpose (an ordinary question "expected"
    // to be refused), so the report always has a failing case to show, whatever the product's figures.
    const mislabelled: Dataset = { ...pick("unanswerable", 5), name: "planted-failure" };
    mislabelled.cases = [...mislabelled.cases, { id: "planted-wrong-kind", lang: "en", question: "What are the polling hours on polling day?", expect: "refusal", docs: [] }];
    second = await runSuite({ datasets: [pick("conversations", 4), mislabelled], target });
    dir = await mkdtemp(path.join(tmpdir(), "scrutin-eval-report-"));
    html = (await writeReports(second, dir, [historyEntry(first), historyEntry(second)])).html;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("opens offline in Chromium with verdict, metrics, chart and per-case drill-down", async () => {
    const w = await openPage(browser, { viewport: { width: 1280, height: 1400 }, locale: "en-CA" });
    const outside: string[] = [];
    await w.page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file://")) return route.continue();
      outside.push(url);
      return route.abort();
    });
    await w.page.goto(`file://${html}`);
    const verdict = await w.page.locator(".verdict").innerText();
    expect(second.cases.find((c) => c.case.id === "planted-wrong-kind")?.pass).toBe(false);
    expect(verdict).toMatch(!second.pass ? /^FAIL/ : second.waived.length ? /^PASS WITH WAIVERS/ : /^PASS —/);
    expect(JSON.parse(await readFile(path.join(dir, "report.json"), "utf8")).cases).toHaveLength(10);
    await expect(w.page.locator("table.sum th[scope=row]", { hasText: "Citation validity" }).count()).resolves.toBe(1);
    // Two runs: every charted metric has two points.
    expect(await w.page.locator("figure svg path").count()).toBeGreaterThanOrEqual(6);
    expect(await w.page.locator("figure svg circle").count()).toBe(2 * (await w.page.locator("figure svg path").count()));
    await w.page.screenshot({ path: path.join(SCREENSHOTS, "eval-report.png"), fullPage: false });
    // A multi-turn case shows each turn, the answer, its cited passages and each check's verdict.
    const conv = w.page.locator("details.case#cv-fr-001");
    await conv.locator(":scope > summary").click();
    await conv.locator("ol.cited details > summary").first().click();
    await expect(conv.locator("section.turn").count()).resolves.toBe(2);
    await expect(conv.locator("ol.cited li").count()).resolves.toBeGreaterThan(0);
    await expect(conv.locator("table.checks td", { hasText: "citationValidity" }).count()).resolves.toBe(2);
    expect(outside).toEqual([]);
    expect(w.errors).toEqual([]);
    await conv.screenshot({ path: path.join(SCREENSHOTS, "eval-report-case.png") });
    await w.close();
  });
});
