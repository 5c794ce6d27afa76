import { randomUUID } from "node:crypto";
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../src/config/env.js";
import { loadCorpus } from "../src/ingest/load.js";
import { readTurn } from "../src/log/read-turn.js";
import { loadChangelog, type ChangelogState } from "../src/pages/changelog.js";
import { transparencyFacts } from "../src/pages/transparency-facts.js";
import { AI_LABEL } from "../src/seal/official.js";
import { PAGE_CSP, siteRoutes } from "../src/serve/pages.js";
import { FIXTURE_CORPUS, startTestServer, type TestServer } from "./support/runtime.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ PARTY_NAME: "Parti démo" });
});
afterAll(async () => {
  await srv?.close();
});

const get = (p: string, headers: Record<string, string> = {}) => fetch(`${srv.url}${p}`, { headers });
const ask = async (message: string) =>
  ((await (await fetch(`${srv.url}/api/chat`, { method: "POST", headers: { accept: "application/json" }, body: JSON.stringify({ message }) })).json()) as { id: string });
const takedown = (turnId: string) =>
  srv.runtime.deps.log.append({ type: "takedown", eventId: randomUUID(), createdAt: new Date().toISOString(), turnId, header: { reason: "test" }, body: null });

describe("GET /widget.js", () => {
  it("serves the bundle to any origin, cacheable and revalidated by ETag", async () => {
    const res = await get("/widget.js", { "accept-encoding": "identity" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(res.headers.get("cache-control")).toMatch(/^public, max-age=300/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const code = await res.text();
    expect(code).toContain("scrutin-widget");
    const etag = res.headers.get("etag")!;
    const again = await get("/widget.js", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("sends the pre-compressed bundle to clients that accept gzip", async () => {
    const { request } = await import("node:http");
    const { port } = new URL(srv.url);
    const res = await new Promise<{ encoding: string | undefined; length: number }>((resolve, reject) => {
      request({ host: "127.0.0.1", port, path: "/widget.js", headers: { "accept-encoding": "gzip" } }, (r) => {
        let length = 0;
        r.on("data", (c: Buffer) => (length += c.length));
        r.on("end", () => resolve({ encoding: r.headers["content-encoding"], length }));
      }).on("error", reject).end();
    });
    expect(res.encoding).toBe("gzip");
    expect(res.length).toBe((await srv.runtime.widgetBundles()).widget.gzipBytes);
    expect(res.length).toBeLessThanOrEqual(30 * 1024);
  });

  it("also serves /verify.js and the widget's public configuration", async () => {
    expect((await get("/verify.js")).headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await (await get("/api/widget/config")).json()).toEqual({ retentionDays: 90, party: { name: "Parti démo" } });
  });
});

describe("GET /api/turns/status", () => {
  it("tells published, withdrawn and unknown turns apart, as readTurn does, and reveals nothing else", async () => {
    const [a, b] = [await ask("Quelles pièces d'identité dois-je présenter pour voter?"), await ask("What ID do I need to vote?")];
    await takedown(b.id);
    const unknown = "no-such-turn-1234";
    const res = await get(`/api/turns/status?ids=${a.id},${b.id},${unknown},${a.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({
      turns: [
        { id: a.id, status: "published" },
        { id: b.id, status: "withdrawn" },
        { id: unknown, status: "unknown" },
      ],
    });
    expect((await readTurn(srv.runtime.deps.log, a.id))?.status).toBe("published");
    expect((await readTurn(srv.runtime.deps.log, b.id))?.status).toBe("withdrawn");
  });

  it("a takedown naming no logged turn does not make an unknown id look withdrawn", async () => {
    const ghost = `ghost-${randomUUID()}`;
    await takedown(ghost);
    expect(await (await get(`/api/turns/status?ids=${ghost}`)).json()).toEqual({ turns: [{ id: ghost, status: "unknown" }] });
  });

  it.each([
    ["", "ids is required"],
    ["?ids=", "each turn id"],
    ["?ids=short", "each turn id"],
    ["?ids=abcdefgh1,' OR 1=1 --", "each turn id"],
    [`?ids=${Array.from({ length: 51 }, (_, i) => `turn-id-${String(i).padStart(3, "0")}`).join(",")}`, "at most 50"],
  ])("rejects %s with 400", async (query, message) => {
    const res = await get(`/api/turns/status${query}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.message).toContain(message);
  });
});

describe("the pages", () => {
  it.each(["/transparency", "/verify", "/demo", "/demo?hostile=1&lang=en"])("%s is HTML under the strict CSP", async (p) => {
    const res = await get(p);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-security-policy")).toBe(PAGE_CSP);
    expect(PAGE_CSP).toContain("script-src 'self'");
    expect(PAGE_CSP).not.toMatch(/unsafe-inline|unsafe-eval/);
    const html = await res.text();
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/<script>|<style|style="| on[a-z]+="/);
  });

  it("/demo embeds the widget with the README's snippet; ?hostile=1 adds the hostile stylesheet", async () => {
    const html = await (await get("/demo")).text();
    expect(html).toContain(`<script src="${srv.url}/widget.js" async="" data-party="Parti démo" data-color="#0b6e4f"></script>`);
    expect(html).toContain('<html lang="fr">');
    expect(html).not.toContain("hostile.css");
    expect(await (await get("/demo?hostile=1")).text()).toContain('<link rel="stylesheet" href="/assets/hostile.css"/>');
    expect((await get("/assets/hostile.css")).headers.get("content-type")).toBe("text/css; charset=utf-8");
  });

  it("picks the language from ?lang, then Accept-Language, and rejects an unknown one", async () => {
    expect(await (await get("/transparency", { "accept-language": "en-CA,en;q=0.8" })).text()).toContain('<html lang="en">');
    expect(await (await get("/transparency?lang=fr", { "accept-language": "en" })).text()).toContain('<html lang="fr">');
    const bad = await get("/transparency?lang=de");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
  });
});

describe("/transparency, filled from configuration and the corpus", () => {
  const render = async (env: Record<string, string>, changelog: ChangelogState = { status: "absent" }, lang = "fr") => {
    const documents = await loadCorpus(FIXTURE_CORPUS);
    const config = parseConfig(env);
    const app = siteRoutes({
      facts: transparencyFacts(config, { version: "c-0123456789abcdef", documents }, changelog),
      publicKeys: async () => [{ kty: "OKP", crv: "Ed25519", x: "x", kid: "key-thumbprint-1" }],
      bundles: () => srv.runtime.widgetBundles(),
      demo: { enabled: config.DEMO_PAGE, partyName: "Parti démo" },
    });
    return (await app.request(`/transparency?lang=${lang}`)).text();
  };

  it("in extractive mode, says plainly that no AI language model is called, yet shows the one AI label", async () => {
    const html = await render({});
    expect(html).toContain("aucun modèle de langage d&#39;IA n&#39;est appelé");
    expect(html).toContain(AI_LABEL.fr.replace(/'/g, "&#39;"));
    expect(html).toContain(AI_LABEL.en.replace(/'/g, "&#39;"));
    expect(html).toContain("key-thumbprint-1");
    expect(html).toContain("effacé du journal après 90 jours");
  });

  it("lists every loaded document with its official source, source date and verification date, and the corpus version", async () => {
    const html = await render({});
    const docs = await loadCorpus(FIXTURE_CORPUS);
    expect(html).toContain("c-0123456789abcdef");
    for (const d of docs) {
      expect(html).toContain(`<a href="${d.source_url}">`);
      expect(html).toContain(d.title.replace(/'/g, "&#39;"));
      expect(html).toContain(d.verified_at);
    }
  });

  it("names the model provider, model and hosting jurisdiction, and warns when it is outside Québec or undeclared", async () => {
    const llm = { COMPOSER: "llm", LLM_BASE_URL: "https://api.openai.com/v1", LLM_MODEL: "gpt-4o-mini", LLM_PROVIDER_NAME: "OpenAI" };
    const foreign = await render({ ...llm, LLM_HOSTING_JURISDICTION: "États-Unis" });
    expect(foreign).toContain("OpenAI");
    expect(foreign).toContain("gpt-4o-mini");
    expect(foreign).toContain("api.openai.com");
    expect(foreign).toContain("Ce fournisseur est hébergé hors du Québec (États-Unis)");
    const english = await render({ ...llm, LLM_HOSTING_JURISDICTION: "United States" }, { status: "absent" }, "en");
    expect(english).toContain("This provider is hosted outside Québec (United States)");
    const undeclared = await render(llm);
    expect(undeclared).toContain("L&#39;exploitant n&#39;a pas déclaré où le modèle est hébergé");
    const local = await render({ ...llm, LLM_HOSTING_JURISDICTION: "Québec (Montréal)" });
    expect(local).not.toContain("hébergé hors du Québec");
    expect(local).toContain("Québec (Montréal)");
  });

  it("gives the party's contact for a human, or says it is missing", async () => {
    expect(await render({ PARTY_NAME: "Parti démo", PARTY_CONTACT_EMAIL: "vie-privee@parti-demo.example" })).toContain('href="mailto:vie-privee@parti-demo.example"');
    expect(await render({})).toContain("Le parti n&#39;a pas encore indiqué de coordonnées");
  });

  it("shows the corpus version history when there is one, and says so when it cannot be read", async () => {
    const entries = [{ version: "c-0123456789abcdef", date: "2026-09-30", summary: "Heures des bureaux de vote ajoutées", added: ["polling-hours-fr"], changed: [], removed: [] }];
    const html = await render({}, { status: "ok", entries });
    expect(html).toContain("Heures des bureaux de vote ajoutées");
    expect(html).toContain("polling-hours-fr");
    expect(await render({}, { status: "invalid", error: "0.version: bad" })).toContain("n&#39;a pas pu être lu : 0.version: bad");
  });

  it("serves no /demo when DEMO_PAGE=off", async () => {
    const documents = await loadCorpus(FIXTURE_CORPUS);
    const config = parseConfig({ DEMO_PAGE: "off" });
    const app = siteRoutes({ facts: transparencyFacts(config, { version: "c-0123456789abcdef", documents }, { status: "absent" }), publicKeys: async () => [], bundles: () => srv.runtime.widgetBundles(), demo: { enabled: false, partyName: "x" } });
    expect((await app.request("/demo")).status).toBe(404);
    expect((await app.request("/transparency")).status).toBe(200);
  });
});

describe("the corpus changelog reader", () => {
  it("tolerates a corpus without changelog.json, reads a valid one and reports an invalid one", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "scrutin-changelog-"));
    try {
      await cp(FIXTURE_CORPUS, dir, { recursive: true });
      expect(await loadChangelog(dir)).toEqual({ status: "absent" });
      const entry = { version: "c-0123456789abcdef", date: "2026-09-30", summary: "Première version", added: ["identification-fr"], changed: [], removed: [] };
      await writeFile(path.join(dir, "changelog.json"), JSON.stringify([entry]));
      expect(await loadChangelog(dir)).toEqual({ status: "ok", entries: [entry] });
      await writeFile(path.join(dir, "changelog.json"), JSON.stringify([{ ...entry, version: "v1" }]));
      expect(await loadChangelog(dir)).toMatchObject({ status: "invalid", error: expect.stringContaining("0.version") });
      await writeFile(path.join(dir, "changelog.json"), "[");
      expect(await loadChangelog(dir)).toEqual({ status: "invalid", error: expect.stringMatching(/^changelog\.json: is not valid JSON/) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
