import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyExport } from "../src/log/bundle.js";
import { readTurn } from "../src/log/read-turn.js";
import { bearer, chat, token } from "./support/audit.js";
import { startTestServer, type TestServer } from "./support/runtime.js";

const RESULTS = path.resolve(import.meta.dirname, "../test-results");
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

let srv: TestServer;
let browser: Browser;
let auditor: string;
let turnId: string;

beforeAll(async () => {
  await mkdir(RESULTS, { recursive: true });
  srv = await startTestServer();
  auditor = await token(srv, "auditor", "Observatoire indépendant");
  turnId = (await chat(srv, "Quelles pièces d'identité dois-je présenter pour voter?")).id;
  await chat(srv, "Who will win the election?");
  await chat(srv, "Does my employer have to let me go vote?");
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--disable-gpu"],
  });
});
afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

/** Serious or critical accessibility violations (axe-core; CSP bypassed for the injected script only in this context). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: await readFile(AXE, "utf8") });
  const ids = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string | null }[] }> } };
    const r = await w.axe.run();
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
  });
  return ids;
}

describe("the auditor UI in Chromium", () => {
  it("logs in, searches, opens a turn, flags it and exports a bundle that verifies offline", async () => {
    const context = await browser.newContext({ acceptDownloads: true, bypassCSP: true, locale: "fr-CA" });
    const page = await context.newPage();

    const first = await page.goto(`${srv.url}/audit`);
    expect(page.url()).toMatch(/\/audit\/login\?next=%2Faudit$/);
    expect(first!.headers()["content-security-policy"]).toMatch(/default-src 'none'/);
    expect(await page.locator("script").count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel("Jeton").fill("scrutin_audit_wrong");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Jeton inconnu");

    await page.getByLabel("Jeton").fill(auditor);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByRole("heading", { name: "Échanges consignés" }).waitFor();
    const cookie = (await context.cookies()).find((c) => c.name === "scrutin_audit_session")!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/audit" });
    expect(await page.locator("tbody tr").count()).toBe(3);

    await page.getByLabel("Texte (question ou réponse)").fill("passeport");
    await page.getByLabel("Langue").selectOption("fr");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.waitForURL(/q=passeport/);
    expect(await page.locator("tbody tr").count()).toBe(1);
    await page.screenshot({ path: path.join(RESULTS, "audit-list.png"), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("link", { name: "Quelles pièces d'identité dois-je présenter pour voter?" }).click();
    await page.getByRole("heading", { name: /Échange no/ }).waitFor();
    expect(await page.getByText("Signature Ed25519 valide").count()).toBe(1);
    expect(await page.locator(".passage").first().textContent()).toContain("passeport canadien");
    expect(await page.getByRole("link", { name: /^https:\/\/www\.electionsquebec\.qc\.ca\// }).count()).toBeGreaterThan(0);
    expect(await page.getByRole("button", { name: "Retirer cette réponse" }).count()).toBe(0); // auditors cannot take down

    await page.getByLabel("Motif du signalement").fill("Vérifier la liste des pièces avec le site officiel");
    await page.getByRole("button", { name: "Signaler cet échange" }).click();
    await page.getByText("Signalement inscrit au registre.").waitFor();
    expect(await page.getByText("Vérifier la liste des pièces avec le site officiel").count()).toBe(1);
    await page.screenshot({ path: path.join(RESULTS, "audit-turn.png"), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    const record = await readTurn(srv.runtime.deps.log, turnId);
    expect(record!.events[0]).toMatchObject({ type: "flag", header: { via: "ui", actor: { name: "Observatoire indépendant" } } });

    await page.getByRole("link", { name: "Exportation" }).click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Télécharger le paquet" }).click()]);
    const file = path.join(RESULTS, "audit-export.ndjson");
    await download.saveAs(file);
    const report = await verifyExport(file);
    expect(report.firstBad).toBeNull();
    expect(report.ok).toBe(true);
    expect(report.counts.byType.flag).toBe(1);

    await page.getByRole("link", { name: "Vérification" }).click();
    expect(await page.getByRole("status").textContent()).toContain("Chaîne intègre");
    await context.close();
  });

  it("refuses POSTs without the session's CSRF token and wrong-role actions, with 403", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${srv.url}/audit/login`);
    await page.getByLabel("Jeton").fill(auditor);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByRole("heading", { name: "Échanges consignés" }).waitFor();
    await page.goto(`${srv.url}/audit/turns/${turnId}`);
    const csrf = await page.locator('input[name="csrf"]').first().inputValue();

    const forged = await page.request.post(`${srv.url}/audit/turns/${turnId}/flag`, { form: { reason: "forged from elsewhere" } });
    expect(forged.status()).toBe(403);
    const wrongRole = await page.request.post(`${srv.url}/audit/turns/${turnId}/takedown`, { form: { reason: "not allowed", csrf }, maxRedirects: 0 });
    expect(wrongRole.status()).toBe(403);
    expect(await wrongRole.text()).toContain("réservée au rôle administration");
    await context.close();

    // Unauthenticated: the UI sends browsers to the login form; the API answers 401.
    const anonymous = await fetch(`${srv.url}/audit/turns/${turnId}`, { redirect: "manual" });
    expect(anonymous.status).toBe(303);
    expect((await fetch(`${srv.url}/audit/turns/${turnId}/flag`, { method: "POST", body: new URLSearchParams({ reason: "x" }) })).status).toBe(401);
    expect((await fetch(`${srv.url}/api/audit/turns/${turnId}`)).status).toBe(401);
    expect((await fetch(`${srv.url}/api/audit/turns/${turnId}/takedown`, { method: "POST", headers: bearer(auditor), body: '{"reason":"nope"}' })).status).toBe(403);
  });
});
