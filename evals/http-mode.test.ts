/**
 * --url mode: the suite against a running deployment over HTTP (POST /api/chat, then each
 * turn read back through the auditor API with a bearer token), the real server on an
 * ephemeral port with the real corpus.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { token } from "../tests/support/audit.js";
import { startTestServer, type TestServer } from "../tests/support/runtime.js";
import { DATASETS_DIR, readDatasets, type Dataset } from "./cases.js";
import { runSuite } from "./run.js";

const CORPUS = path.resolve(import.meta.dirname, "../corpus");
const DOMAINS = ["electionsquebec.qc.ca", "elections.quebec", "legisquebec.gouv.qc.ca"];

describe("eval against a running deployment (--url)", () => {
  let srv: TestServer;
  let auditor: string;
  let datasets: Dataset[];

  beforeAll(async () => {
    srv = await startTestServer({ CORPUS_DIR: CORPUS });
    auditor = await token(srv, "auditor");
    const all = await readDatasets(DATASETS_DIR);
    const pick = (name: string, ids: (id: string) => boolean) => ({ ...all.find((d) => d.name === name)!, cases: all.find((d) => d.name === name)!.cases.filter((c) => ids(c.id)) });
    datasets = [pick("conversations", (id) => ["cv-fr-001", "cv-en-001", "cv-fr-012", "cv-en-007"].includes(id)), pick("answerable-voting", (id) => ["av-fr-001", "av-fr-002", "av-en-001", "av-en-002"].includes(id))];
  });
  afterAll(async () => {
    await srv?.close();
  });

  it("reads every turn back through the auditor API and scores it like the in-process run", async () => {
    const http = await runSuite({ datasets, target: { kind: "http", url: srv.url, token: auditor, officialDomains: DOMAINS } });
    const local = await runSuite({ datasets, target: { kind: "in-process", options: { corpusDir: CORPUS } } });
    expect(http.context.mode).toBe("http");
    expect(http.context.corpusVersion).toBe(local.context.corpusVersion);
    for (const k of ["labelPresent", "officialLink", "citationValidity", "quoteFidelity", "signatureValidity", "logIntegrity"] as const) expect(http.overall[k]).toBe(1);
    expect(http.overall.fabricatedEntities).toBe(0);
    expect(http.cases.map((c) => [c.id, c.kind.got])).toEqual(local.cases.map((c) => [c.id, c.kind.got]));
    expect(http.overall.turns).toBe(12);
  });

  it("refuses a bad token before asking any question", async () => {
    await expect(runSuite({ datasets, target: { kind: "http", url: srv.url, token: "scrutin_audit_wrong", officialDomains: DOMAINS } })).rejects.toThrow(/refused the token \(401\)/);
  });

  it("catches a deployment that shows voters something other than what it logged", async () => {
    // A proxy in front of the service rewrites the answer text the client receives.
    const proxy: Server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const upstream = await fetch(`${srv.url}${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, ...(req.method === "POST" ? { body: Buffer.concat(chunks) } : {}) });
      let body = await upstream.text();
      if (req.url === "/api/chat") body = body.replace("passeport canadien", "permis de chasse");
      res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" }).end(body);
    });
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      const r = await runSuite({ datasets: [{ ...datasets[0]!, cases: datasets[0]!.cases.filter((c) => c.id === "cv-fr-001") }], target: { kind: "http", url, token: auditor, officialDomains: DOMAINS } });
      const first = r.cases[0]!.turns[0]!;
      expect(first.verdicts.logIntegrity).toEqual({ pass: false, detail: expect.stringContaining("differs from the one the client received") });
      expect(r.pass).toBe(false);
    } finally {
      await new Promise<void>((r) => proxy.close(() => r()));
    }
  });
});
