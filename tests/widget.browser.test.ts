import { randomUUID } from "node:crypto";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AI_LABEL } from "../src/seal/official.js";
import { launchChromium, openPage, SCREENSHOTS, seriousAxeViolations, type WatchedPage } from "./support/browser.js";
import { startTestServer, type TestServer } from "./support/runtime.js";

let srv: TestServer;
let browser: Browser;
const pages: WatchedPage[] = [];

beforeAll(async () => {
  [srv, browser] = await Promise.all([startTestServer({ PARTY_NAME: "Parti démo", PARTY_CONTACT_EMAIL: "vie-privee@parti-demo.example" }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

async function open(url: string, opts: Parameters<typeof openPage>[1] = {}): Promise<WatchedPage> {
  const w = await openPage(browser, opts);
  pages.push(w);
  await w.page.goto(`${srv.url}${url}`);
  return w;
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), animations: "disabled" });
const widget = (page: Page) => page.locator("scrutin-widget");
const lastAnswer = (page: Page) => widget(page).locator("li.msg.bot").last();

/** Text as seen on screen: without the screen-reader-only additions. */
const visibleText = (l: Locator) =>
  l.evaluate((el) => {
    const copy = el.cloneNode(true) as Element;
    copy.querySelectorAll(".sr-only").forEach((n) => n.remove());
    return copy.textContent;
  });

/** Types a question in the open panel and waits for its final (signed) answer. */
async function ask(page: Page, question: string) {
  const before = await widget(page).locator("li.msg.bot").count();
  await widget(page).locator("textarea").fill(question);
  await widget(page).locator("textarea").press("Enter");
  await expect.poll(() => widget(page).locator("li.msg.bot").count(), { timeout: 20_000 }).toBe(before + 1);
  const id = await lastAnswer(page).getAttribute("data-turn-id");
  return widget(page).locator(`li[data-turn-id="${id}"]`);
}

/** Records what the streaming draft showed before the final answer replaced it. */
async function watchDraft(page: Page): Promise<() => Promise<string[]>> {
  const seen: string[] = [];
  await page.exposeFunction("__scrutinTestDraft", (t: string) => void seen.push(t));
  await page.evaluate(() => {
    const draft = document.querySelector("scrutin-widget")!.shadowRoot!.querySelector(".draft .text")!;
    const report = (window as unknown as { __scrutinTestDraft: (t: string) => void }).__scrutinTestDraft;
    new MutationObserver(() => {
      if (draft.textContent) report(draft.textContent);
    }).observe(draft, { childList: true, characterData: true, subtree: true });
  });
  return async () => seen;
}

describe("the voter widget on the demo party page", () => {
  it("answers in French: streamed text, then the signed answer with its AI label, citation links and the official link", async () => {
    const { page } = await open("/demo");
    const launcher = page.getByRole("button", { name: "IA Questions sur le vote? Ouvrir l'assistant d'information électorale" });
    await launcher.click();
    const dialog = page.getByRole("dialog", { name: /Assistant d'information électorale/ });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expect.poll(() => widget(page).locator(".disclosure").textContent()).toMatch(/intelligence artificielle[\s\S]*journalisées[\s\S]*90 jours[\s\S]*renseignements personnels/);
    expect(await widget(page).locator(".disclosure a").getAttribute("href")).toBe(`${srv.url}/transparency?lang=fr`);
    expect(await widget(page).locator(".offered").textContent()).toBe("Offert sur le site de Parti démo, sans parler en son nom.");
    await shot(page, "fr-open-disclosure");

    const draft = await watchDraft(page);
    const answer = await ask(page, "Quelles pièces d'identité dois-je présenter pour voter?");
    expect((await draft()).some((t) => t.includes("passeport canadien"))).toBe(true);
    expect(await answer.getAttribute("lang")).toBe("fr");
    expect(await answer.locator(".badge.ai").textContent()).toBe("Réponse générée par IA");
    expect(await answer.locator(".label").textContent()).toBe(AI_LABEL.fr);
    expect(await answer.textContent()).toContain("passeport canadien");
    const cite = answer.locator("a.cite").first();
    expect(await cite.getAttribute("href")).toMatch(/^https:\/\/www\.electionsquebec\.qc\.ca\//);
    expect(await cite.getAttribute("target")).toBe("_blank");
    expect(await cite.getAttribute("rel")).toBe("noopener noreferrer");
    expect(await answer.locator('.text a[href="https://www.electionsquebec.qc.ca/"]').count()).toBe(1);
    expect(await visibleText(widget(page).locator("footer.official"))).toBe("Élections Québec — www.electionsquebec.qc.ca — 1 888 ÉLECTION");
    expect(await widget(page).locator('footer.official a[href="tel:+18883532846"]').isVisible()).toBe(true);
    // Completed messages are announced by the polite live list; the streaming draft sits outside it.
    expect(await widget(page).locator('ol.messages[aria-live="polite"] > li.msg.bot').count()).toBe(1);
    expect(await widget(page).locator('ol.messages .draft, .draft[aria-busy="true"]').count()).toBe(1);
    expect(await widget(page).locator("ol.messages .draft").count()).toBe(0);

    await answer.getByRole("button", { name: "Vérifier cette réponse" }).click();
    await expect.poll(() => answer.locator(".verify-result").getAttribute("data-result")).toBe("valid");
    expect(await answer.locator(".verify-result").textContent()).toMatch(/^Signature valide/);
    await shot(page, "fr-answer-verified");
  });

  it("answers in English on the English page, and switches the panel's language on request", async () => {
    const { page } = await open("/demo?lang=en");
    await page.getByRole("button", { name: /Questions about voting\?/ }).click();
    const answer = await ask(page, "What ID do I need to vote?");
    expect(await answer.getAttribute("lang")).toBe("en");
    expect(await answer.locator(".badge.ai").textContent()).toBe("AI-generated answer");
    expect(await answer.locator(".label").textContent()).toBe(AI_LABEL.en);
    expect(await answer.textContent()).toContain("Canadian passport");
    expect(await answer.locator("a.cite").first().getAttribute("href")).toMatch(/^https:\/\/www\.electionsquebec\.qc\.ca\/en\//);
    expect(await answer.locator('.text a[href="https://www.electionsquebec.qc.ca/en/"]').count()).toBe(1);
    await shot(page, "en-answer");

    await widget(page).getByRole("button", { name: "Passer au français" }).click();
    expect(await widget(page).locator("h2").textContent()).toBe("Assistant d'information électorale (IA)");
    expect(await widget(page).locator("footer.official").textContent()).toContain("1 888 ÉLECTION");
    // The earlier answer keeps its own language.
    expect(await answer.getAttribute("lang")).toBe("en");
  });

  it("works with the keyboard alone: Tab to the launcher, Enter, type, Enter, verify, Escape", async () => {
    const { page } = await open("/demo");
    const focusedInWidget = () => page.evaluate(() => document.querySelector("scrutin-widget")?.shadowRoot?.activeElement?.className ?? null);
    for (let i = 0; i < 30 && (await focusedInWidget()) !== "launcher"; i++) await page.keyboard.press("Tab");
    expect(await focusedInWidget()).toBe("launcher");
    await shot(page, "keyboard-launcher-focus");
    await page.keyboard.press("Enter");
    expect(await focusedInWidget()).toBe(""); // the textarea (no class) has focus
    expect(await page.evaluate(() => document.querySelector("scrutin-widget")?.shadowRoot?.activeElement?.tagName)).toBe("TEXTAREA");
    await page.keyboard.type("Quelles pièces d'identité dois-je présenter pour voter?");
    await page.keyboard.press("Enter");
    await expect.poll(() => widget(page).locator("li.msg.bot").count(), { timeout: 20_000 }).toBe(1);
    expect(await page.evaluate(() => document.querySelector("scrutin-widget")?.shadowRoot?.activeElement?.tagName)).toBe("TEXTAREA");
    // Shift+Tab reaches the answer's "verify" button; Enter runs the check.
    await page.keyboard.press("Shift+Tab");
    expect(await focusedInWidget()).toBe("verify");
    await page.keyboard.press("Enter");
    await expect.poll(() => widget(page).locator(".verify-result").getAttribute("data-result")).toBe("valid");
    await page.keyboard.press("Escape");
    expect(await widget(page).locator(".panel").isHidden()).toBe(true);
    expect(await focusedInWidget()).toBe("launcher");
    expect(await widget(page).locator(".launcher").getAttribute("aria-expanded")).toBe("false");
  });

  it("has no serious or critical axe-core violation: open widget with answers, /demo, /transparency and /verify", async () => {
    const { page } = await open("/demo");
    await page.getByRole("button", { name: /Questions sur le vote/ }).click();
    await ask(page, "Quelles pièces d'identité dois-je présenter pour voter?");
    await ask(page, "Qui va gagner les prochaines élections?");
    expect(await seriousAxeViolations(page, "scrutin-widget")).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    for (const url of ["/transparency?lang=fr", "/transparency?lang=en", "/verify?lang=fr"]) {
      const other = await open(url);
      expect(await seriousAxeViolations(other.page), url).toEqual([]);
    }
  });

  it("shows refusals, abstentions, network errors (with retry) and rate limiting as distinct states", async () => {
    const { page } = await open("/demo");
    await page.getByRole("button", { name: /Questions sur le vote/ }).click();
    const refusal = await ask(page, "Pour qui devrais-je voter?");
    expect(await refusal.getAttribute("class")).toContain("kind-refusal");
    expect(await refusal.locator(".badge.refusal").textContent()).toBe("Hors du rôle de l'assistant");
    expect(await refusal.locator(".badge.ai").isVisible()).toBe(true);
    const abstain = await ask(page, "Où stationner près de mon bureau de vote sur la rue Papineau?");
    expect(await abstain.locator(".badge.abstain").textContent()).toBe("Pas de réponse dans les sources");

    await page.route("**/api/chat", (route) => route.abort("internetdisconnected"));
    await widget(page).locator("textarea").fill("Quelles sont les heures d'ouverture des bureaux de vote?");
    await widget(page).locator("textarea").press("Enter");
    const error = widget(page).locator('li[data-state="error"]');
    await error.waitFor();
    expect(await error.textContent()).toContain("problème de connexion");
    await shot(page, "state-network-error");
    await page.unroute("**/api/chat");
    await error.getByRole("button", { name: "Réessayer" }).click();
    await expect.poll(() => widget(page).locator("li.msg.bot").count(), { timeout: 20_000 }).toBe(3);
    expect(await error.count()).toBe(0);
    expect(await widget(page).locator("li.msg.user").count()).toBe(3); // the retried question is not repeated

    await page.route("**/api/chat", (route) =>
      route.fulfill({ status: 429, headers: { "retry-after": "30", "content-type": "application/json" }, body: JSON.stringify({ error: { code: "rate_limited", message: "Too many requests" } }) }),
    );
    await widget(page).locator("textarea").fill("Et le jour du vote?");
    await widget(page).locator("textarea").press("Enter");
    const limited = widget(page).locator('li[data-state="rate-limited"]');
    await limited.waitFor();
    expect(await limited.textContent()).toMatch(/Trop de questions en peu de temps\. Vous pourrez réessayer dans 30 secondes \(à .+\)\./);
    expect(await limited.getByRole("button", { name: "Réessayer" }).isDisabled()).toBe(true);
    await shot(page, "state-rate-limited");
  });

  it("replaces an answer withdrawn by a takedown, when the panel reopens and when the history is restored", async () => {
    const { page } = await open("/demo");
    await page.getByRole("button", { name: /Questions sur le vote/ }).click();
    const kept = await ask(page, "Quelles sont les heures d'ouverture des bureaux de vote?");
    const withdrawn = await ask(page, "Quelles pièces d'identité dois-je présenter pour voter?");
    const turnId = await withdrawn.getAttribute("data-turn-id");
    const keptId = await kept.getAttribute("data-turn-id");
    await srv.runtime.deps.log.append({
      type: "takedown",
      eventId: randomUUID(),
      createdAt: new Date().toISOString(),
      turnId: turnId!,
      header: { reason: "test: answer withdrawn by an auditor" },
      body: null,
    });
    await widget(page).getByRole("button", { name: "Fermer l'assistant" }).click();
    await page.getByRole("button", { name: /Questions sur le vote/ }).click();
    const notice = widget(page).locator(`li[data-turn-id="${turnId}"]`);
    await expect.poll(() => notice.getAttribute("data-status")).toBe("withdrawn");
    expect(await notice.textContent()).toContain("Cette réponse a été retirée");
    expect(await notice.textContent()).not.toContain("passeport");
    expect(await widget(page).locator(`li[data-turn-id="${keptId}"] .badge.ai`).count()).toBe(1);
    await shot(page, "state-withdrawn");

    await page.reload();
    await page.getByRole("button", { name: /Questions sur le vote/ }).click();
    await expect.poll(() => widget(page).locator(`li[data-turn-id="${turnId}"]`).getAttribute("data-status")).toBe("withdrawn");
    const stored = await page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)));
    expect(stored).toContain(keptId!);
    expect(stored).not.toContain("passeport canadien"); // the withdrawn text is gone from the browser too
  });

  it("stays intact on a host page with hostile global CSS", async () => {
    const styleOf = async (page: Page) =>
      page.evaluate(() => {
        const root = document.querySelector("scrutin-widget")!.shadowRoot!;
        const pick = (sel: string) => {
          const el = root.querySelector(sel)!;
          const cs = getComputedStyle(el);
          const r = el.getBoundingClientRect();
          return { display: cs.display, color: cs.color, background: cs.backgroundColor, font: `${cs.fontSize} ${cs.fontFamily}`, transform: cs.transform, filter: cs.filter, width: Math.round(r.width), height: Math.round(r.height) };
        };
        return { host: getComputedStyle(document.querySelector("scrutin-widget")!).display, launcher: pick(".launcher"), panel: pick(".panel"), input: pick("textarea"), send: pick(".send"), footer: pick("footer.official") };
      });
    const normal = await open("/demo");
    await normal.page.getByRole("button", { name: /Questions sur le vote/ }).click();
    const hostile = await open("/demo?hostile=1");
    await hostile.page.locator("scrutin-widget .launcher").click();
    await hostile.page.waitForTimeout(300); // the opening animation
    await normal.page.waitForTimeout(300);
    // The hostile sheet does apply to the host page…
    expect(await hostile.page.evaluate(() => getComputedStyle(document.querySelector("h1")!).fontSize)).toBe("42px");
    // …and changes nothing in the widget.
    const a = await styleOf(normal.page);
    const b = await styleOf(hostile.page);
    expect(b).toEqual(a);
    expect(b.host).toBe("block");
    expect(b.launcher.width).toBeGreaterThan(100);
    const answer = await ask(hostile.page, "Quelles pièces d'identité dois-je présenter pour voter?");
    expect(await answer.locator(".badge.ai").isVisible()).toBe(true);
    await shot(hostile.page, "hostile-css");
  });

  it("adds exactly one global, window.Scrutin, whose open() and close() drive the panel", async () => {
    const blocked = await openPage(browser);
    pages.push(blocked);
    await blocked.page.route("**/widget.js", (r) => r.abort());
    await blocked.page.goto(`${srv.url}/demo`);
    const baseline = await blocked.page.evaluate(() => Object.getOwnPropertyNames(window));
    const { page } = await open("/demo");
    await widget(page).locator(".launcher").waitFor();
    const after = await page.evaluate(() => Object.getOwnPropertyNames(window));
    expect(after.filter((n) => !baseline.includes(n))).toEqual(["Scrutin"]);
    expect(await page.evaluate(() => (window as unknown as { Scrutin: { version: string } }).Scrutin.version)).toMatch(/^\d+\.\d+\.\d+$/);
    await page.evaluate(() => (window as unknown as { Scrutin: { open(): void } }).Scrutin.open());
    expect(await widget(page).locator(".panel").isVisible()).toBe(true);
    await page.evaluate(() => (window as unknown as { Scrutin: { close(): void } }).Scrutin.close());
    expect(await widget(page).locator(".panel").isHidden()).toBe(true);
  });

  it("fills the screen on a phone and honours reduced motion", async () => {
    const { page } = await open("/demo", { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, reducedMotion: "reduce" });
    await page.getByRole("button", { name: /Questions sur le vote/ }).click();
    const box = await widget(page).locator(".panel").boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 375, height: 740 });
    expect(await widget(page).locator(".panel").evaluate((el) => getComputedStyle(el).animationName)).toBe("none");
    await ask(page, "Quelles pièces d'identité dois-je présenter pour voter?");
    await shot(page, "phone-answer");
  });

  it("/verify says valid for a real answer and invalid for a tampered one", async () => {
    const res = await fetch(`${srv.url}/api/chat`, { method: "POST", headers: { accept: "application/json" }, body: JSON.stringify({ message: "What ID do I need to vote?" }) });
    const envelope = (await res.json()) as Record<string, unknown>;
    const { page } = await open("/verify?lang=en");
    await page.getByLabel("Answer (JSON)").fill(JSON.stringify(envelope, null, 2));
    await page.getByRole("button", { name: "Check the signature" }).click();
    await expect.poll(() => page.locator("#verify-result").getAttribute("data-result")).toBe("valid");
    expect(await page.locator("#verify-result").textContent()).toMatch(/^Valid signature/);
    await shot(page, "verify-valid");
    await page.getByLabel("Answer (JSON)").fill(JSON.stringify({ ...envelope, text: `${String(envelope.text)} Vote for us!` }));
    await page.getByRole("button", { name: "Check the signature" }).click();
    await expect.poll(() => page.locator("#verify-result").getAttribute("data-result")).toBe("invalid");
    expect(await page.locator("#verify-result").textContent()).toMatch(/^Invalid signature: the answer was changed/);
    await shot(page, "verify-tampered");
  });

  it("enforces the pages' strict CSP: an injected inline style is refused and reported", async () => {
    const w = await openPage(browser); // not in `pages`: this one is meant to violate
    await w.page.goto(`${srv.url}/demo`);
    await w.page.evaluate(() => {
      const style = document.createElement("style");
      style.textContent = "body { background: rgb(255, 0, 0) !important }";
      document.head.append(style);
    });
    await expect.poll(() => w.cspViolations.length).toBeGreaterThan(0);
    expect(w.cspViolations[0]).toContain("style-src");
    expect(await w.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe("rgb(255, 0, 0)");
    await w.close();
  });

  it("caused no Content-Security-Policy violation and no page error on any page above", () => {
    expect(pages.length).toBeGreaterThan(8);
    expect(pages.flatMap((p) => p.cspViolations)).toEqual([]);
    expect(pages.flatMap((p) => p.errors)).toEqual([]);
  });
});
