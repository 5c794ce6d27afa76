import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, openPage } from "./support/browser.js";
import { startEdgeServer, type EdgeServer } from "./support/edge-server.js";

/**
 * A party's own site on another origin, embedding the widget as the README tells parties to.
 * The service's address is read per request: the site must exist (its origin known) before
 * the service starts with that origin allowed.
 */
async function startPartySite(api: () => string): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Parti X</title></head><body><h1>Parti X</h1>` +
        `<script src="${api()}/widget.js" async data-party="Parti X"></script></body></html>`,
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
}

const widget = (page: Page) => page.locator("scrutin-widget");
/** Everything the widget shows (its shadow root's text). */
const shown = (page: Page) => widget(page).evaluate((el) => el.shadowRoot?.textContent ?? "");

async function ask(page: Page, question: string): Promise<void> {
  await widget(page).locator("textarea").fill(question);
  await widget(page).locator("textarea").press("Enter");
}

async function openWidget(browser: Browser, siteOrigin: string): Promise<Page> {
  const { page } = await openPage(browser);
  await page.goto(`${siteOrigin}/`);
  await page.getByRole("button", { name: /Ouvrir l'assistant d'information électorale/ }).click();
  return page;
}

describe("the widget on a party site of another origin (CORS)", () => {
  let browser: Browser;
  let srv: EdgeServer;
  let apiUrl = "";
  let party: Awaited<ReturnType<typeof startPartySite>>;
  let stranger: Awaited<ReturnType<typeof startPartySite>>;
  beforeAll(async () => {
    [browser, party, stranger] = await Promise.all([launchChromium(), startPartySite(() => apiUrl), startPartySite(() => apiUrl)]);
    srv = await startEdgeServer({ ALLOWED_ORIGINS: party.origin, RATE_LIMIT_PER_CLIENT: "1", RATE_LIMIT_GLOBAL: "0" });
    apiUrl = srv.url;
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    await party?.close();
    await stranger?.close();
  });

  it("answers on the allowed party site, and reads Retry-After to say when to retry once rate limited", async () => {
    const page = await openWidget(browser, party.origin);
    await ask(page, "Quelles pièces d'identité dois-je présenter pour voter?");
    await expect.poll(() => widget(page).locator("li.msg.bot[data-turn-id]").count(), { timeout: 20_000 }).toBe(1);
    expect(await widget(page).locator("li.msg.bot").last().textContent()).toContain("passeport canadien");
    await ask(page, "Quelles sont les heures d'ouverture des bureaux de vote?");
    // Only a readable Retry-After (exposed by CORS) gives the widget a number of seconds to show.
    await expect.poll(() => shown(page), { timeout: 10_000 }).toMatch(/Trop de questions en peu de temps\. Vous pourrez réessayer dans \d+ seconde/);
  });

  it("is refused by the browser on a site whose origin is not configured", async () => {
    const page = await openWidget(browser, stranger.origin);
    await ask(page, "Quelles pièces d'identité dois-je présenter pour voter?");
    await expect.poll(() => shown(page), { timeout: 10_000 }).toContain("La question n'a pas pu être envoyée : problème de connexion.");
    expect(await widget(page).locator("li.msg.bot[data-turn-id]").count()).toBe(0);
  });
});
