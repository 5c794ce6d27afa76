import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditService } from "../src/audit/service.js";
import type { TurnPage } from "../src/audit/search.js";
import type { TurnDetail } from "../src/audit/turn-detail.js";
import { CheckpointSchema, checkpointValid } from "../src/log/checkpoint.js";
import { KeyRing } from "../src/log/keyring.js";
import { readTurn } from "../src/log/read-turn.js";
import { bearer, chat, token } from "./support/audit.js";
import { startTestServer, type TestServer } from "./support/runtime.js";

let srv: TestServer;
let auditor: string;
let admin: string;
const turns: Record<string, { id: string; conversationId: string }> = {};

beforeAll(async () => {
  srv = await startTestServer();
  auditor = await token(srv, "auditor", "Observatoire indépendant");
  admin = await token(srv, "admin", "Conformité du parti");
  turns.idFr = await chat(srv, "Quelles pièces d'identité dois-je présenter pour voter?");
  turns.idEn = await chat(srv, "What ID do I need to show to vote?");
  turns.refusal = await chat(srv, "Who will win the election?");
  turns.work = await chat(srv, "Does my employer have to let me go vote?");
  turns.follow = await chat(srv, "and what are the hours?", turns.work.conversationId);
  turns.abstain = await chat(srv, "Where can I park near my polling station on Papineau street?");
});
afterAll(async () => {
  await srv?.close();
});

const get = (p: string, t?: string) => fetch(`${srv.url}${p}`, { headers: t ? bearer(t) : {} });
const post = (p: string, t: string | undefined, body: unknown) =>
  fetch(`${srv.url}${p}`, { method: "POST", headers: t ? bearer(t) : {}, body: typeof body === "string" ? body : JSON.stringify(body) });
const list = async (query: string, t = auditor) => {
  const res = await get(`/api/audit/turns${query}`, t);
  expect(res.status).toBe(200);
  return (await res.json()) as TurnPage;
};

describe("auditor API: authentication and roles", () => {
  it("answers 401 without a token or with a bad one, and records the failed attempt", async () => {
    const none = await get("/api/audit/turns");
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await none.json()).toMatchObject({ error: { code: "unauthorized" } });
    const before = await failedAttempts();
    const bad = await get("/api/audit/turns", "scrutin_audit_notARealToken000000000000000000000000000000");
    expect(bad.status).toBe(401);
    expect(await failedAttempts()).toBe(before + 1);
    expect((await post(`/api/audit/turns/${turns.idFr!.id}/flag`, undefined, { reason: "x" })).status).toBe(401);
  });

  it("answers 403 when an auditor tries what only an admin may do, and records the refusal", async () => {
    const takedown = await post(`/api/audit/turns/${turns.idEn!.id}/takedown`, auditor, { reason: "wrong role" });
    expect(takedown.status).toBe(403);
    expect(await takedown.json()).toMatchObject({ error: { code: "forbidden" } });
    expect((await post(`/api/audit/conversations/${turns.idEn!.conversationId}/erase`, auditor, { reason: "wrong role" })).status).toBe(403);
    const denied = await srv.runtime.deps.log.db.query<{ header: string }>("SELECT header FROM audit_events WHERE type = 'audit_access' AND header LIKE '%\"outcome\":\"denied\"%'");
    expect(denied.rows.map((r) => JSON.parse(r.header).action).sort()).toEqual(["erase", "takedown"]);
  });

  it("publishes the signed chain head without credentials", async () => {
    const res = await get("/api/audit/head");
    expect(res.status).toBe(200);
    const head = CheckpointSchema.parse(await res.json());
    const keys = ((await (await get("/api/keys")).json()) as { keys: unknown[] }).keys;
    expect(await checkpointValid(head, KeyRing.from(keys))).toBe(true);
  });
});

describe("auditor API: listing and searching turns", () => {
  it("lists turns newest first with question, kind, language and status", async () => {
    const page = await list("");
    expect(page.items.map((t) => t.turnId)).toEqual(Object.values(turns).map((t) => t.id).reverse());
    expect(page.items[0]).toMatchObject({ lang: "en", kind: "abstain", flagged: false, status: "published", purged: false });
    expect(page.items.at(-1)!.question).toBe("Quelles pièces d'identité dois-je présenter pour voter?");
  });

  it("filters by language, kind, conversation and dates", async () => {
    expect((await list("?lang=fr")).items.map((t) => t.turnId)).toEqual([turns.idFr!.id]);
    expect((await list("?kind=refusal")).items.map((t) => t.turnId)).toEqual([turns.refusal!.id]);
    expect((await list(`?conversation=${turns.work!.conversationId}`)).items.map((t) => t.turnId)).toEqual([turns.follow!.id, turns.work!.id]);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect((await list(`?from=${tomorrow}`)).items).toEqual([]);
    expect((await list(`?to=${yesterday}`)).items).toEqual([]);
    expect((await list(`?from=${yesterday}&to=${tomorrow}`)).items).toHaveLength(6);
  });

  it("searches question and answer texts, case-insensitively and literally", async () => {
    expect((await list("?q=PASSEPORT")).items.map((t) => t.turnId)).toEqual([turns.idFr!.id]);
    expect((await list("?q=papineau")).items.map((t) => t.turnId)).toEqual([turns.abstain!.id]);
    expect((await list("?q=100%25")).items).toEqual([]);
  });

  it("pages with a cursor", async () => {
    const first = await list("?limit=4");
    expect(first.items).toHaveLength(4);
    const second = await list(`?limit=4&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
  });

  it("rejects bad filters with a clear 400", async () => {
    for (const q of ["?lang=de", "?from=yesterday", "?limit=0", "?colour=red", "?q=a"]) {
      const res = await get(`/api/audit/turns${q}`, auditor);
      expect(res.status, q).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "invalid_request" } });
    }
  });
});

describe("auditor API: a turn in detail", () => {
  it("returns the TurnRecord with each citation beside the full passage and its official URL", async () => {
    const res = await get(`/api/audit/turns/${turns.idFr!.id}`, auditor);
    expect(res.status).toBe(200);
    const d = (await res.json()) as TurnDetail;
    const record = JSON.parse(JSON.stringify(await readTurn(srv.runtime.deps.log, turns.idFr!.id)));
    expect(d).toMatchObject(record);
    expect(d.passages.length).toBeGreaterThan(0);
    for (const p of d.passages) {
      expect(p.passageFrom).toBe("current");
      expect(p.url).toMatch(/^https:\/\/www\.electionsquebec\.qc\.ca\//);
      expect(p.passage!.text).toContain(p.quote!);
      expect(p.passage!.url).toBe(p.url);
    }
    expect(d.verification).toMatchObject({ signature: "valid", bodyMatchesHash: true, envelopeMatchesHeader: true, rowHashMatches: true });
    expect(d.corpus.turnVersion).toBe(d.corpus.loadedVersion);
  });

  it("says plainly when a passage belongs to another corpus version, and shows the signed quote and URL", async () => {
    const p = { tokenId: "t", name: "test", role: "auditor" as const };
    const deps = srv.runtime.audit.deps;
    const gone = await new AuditService({ ...deps, corpusVersion: "c-next", chunks: new Map() }).turn(p, turns.idFr!.id, "api");
    expect(gone.passages[0]).toMatchObject({ passageFrom: "other-version", passage: null, quote: expect.any(String), url: expect.stringMatching(/^https:/) });
    const same = await new AuditService({ ...deps, corpusVersion: "c-next" }).turn(p, turns.idFr!.id, "api");
    expect(same.passages[0]!.passageFrom).toBe("unchanged");
  });

  it("answers 404 for an unknown turn", async () => {
    expect((await get("/api/audit/turns/no-such-turn", auditor)).status).toBe(404);
  });
});

describe("auditor API: flags and takedowns", () => {
  it("lets an auditor flag a turn with a reason, as a new event naming the turn", async () => {
    const res = await post(`/api/audit/turns/${turns.work!.id}/flag`, auditor, { reason: "Heures citées à vérifier" });
    expect(res.status).toBe(201);
    const record = await readTurn(srv.runtime.deps.log, turns.work!.id);
    expect(record!.events).toHaveLength(1);
    expect(record!.events[0]).toMatchObject({ type: "flag", header: { reason: "Heures citées à vérifier", actor: { name: "Observatoire indépendant", role: "auditor" } } });
    expect((await list("?flagged=true")).items.map((t) => t.turnId)).toEqual([turns.work!.id]);
    expect((await list("?flagged=false")).items).toHaveLength(5);
  });

  it("lets an admin take a turn down once; readTurn then reports it withdrawn", async () => {
    const res = await post(`/api/audit/turns/${turns.idEn!.id}/takedown`, admin, { reason: "Liste des pièces périmée" });
    expect(res.status).toBe(201);
    expect((await readTurn(srv.runtime.deps.log, turns.idEn!.id))!.status).toBe("withdrawn");
    expect((await list("?status=withdrawn")).items.map((t) => t.turnId)).toEqual([turns.idEn!.id]);
    const again = await post(`/api/audit/turns/${turns.idEn!.id}/takedown`, admin, { reason: "twice" });
    expect(again.status).toBe(409);
  });

  it("rejects a missing reason, bad JSON and unknown turns", async () => {
    expect((await post(`/api/audit/turns/${turns.work!.id}/flag`, auditor, { reason: " " })).status).toBe(400);
    expect((await post(`/api/audit/turns/${turns.work!.id}/flag`, auditor, "{not json")).status).toBe(400);
    expect((await post(`/api/audit/turns/${turns.work!.id}/flag`, auditor, { reason: "ok", extra: 1 })).status).toBe(400);
    expect((await post("/api/audit/turns/no-such-turn/flag", auditor, { reason: "missing" })).status).toBe(404);
  });
});

describe("auditor API: verification and the access trail", () => {
  it("verifies the chain on request", async () => {
    const res = await get("/api/audit/verify", auditor);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, firstBad: null, counts: { turns: 6, signaturesValid: 6 } });
  });

  it("puts every look at the log on the chain, naming the token but never its secret", async () => {
    const rows = await srv.runtime.deps.log.db.query<{ header: string; body: string | null }>("SELECT header, body FROM audit_events WHERE type = 'audit_access'");
    const headers = rows.rows.map((r) => JSON.parse(r.header) as { action: string; actor: { name?: string } | null; outcome: string });
    const byAuditor = headers.filter((h) => h.actor?.name === "Observatoire indépendant").map((h) => h.action);
    expect(byAuditor).toEqual(expect.arrayContaining(["list", "search", "view", "verify"]));
    const search = rows.rows.find((r) => JSON.parse(r.header).action === "search");
    expect(JSON.parse(search!.body!)).toMatchObject({ params: { q: expect.any(String) } });
    const secrets = await srv.runtime.deps.log.db.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM audit_events WHERE strpos(header || coalesce(body, ''), $1) > 0 OR strpos(header || coalesce(body, ''), $2) > 0",
      [auditor, admin],
    );
    expect(Number(secrets.rows[0]!.n)).toBe(0);
    const stored = await srv.runtime.deps.log.db.query<{ token_hash: string }>("SELECT token_hash FROM audit_tokens");
    expect(stored.rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });
});

async function failedAttempts(): Promise<number> {
  const r = await srv.runtime.deps.log.db.query<{ n: string }>("SELECT count(*)::text AS n FROM audit_events WHERE type = 'audit_access' AND header LIKE '%\"outcome\":\"unauthenticated\"%'");
  return Number(r.rows[0]!.n);
}
