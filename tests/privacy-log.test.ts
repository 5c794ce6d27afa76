import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EnvelopeSchema } from "../src/contract/envelope.js";
import { readTurn } from "../src/log/read-turn.js";
import { readSse, startTestServer, type TestServer } from "./support/runtime.js";

/**
 * Law 25, proven on what is stored: each kind of personal information goes through the
 * real API (JSON and SSE), then the whole audit table is read back as text. The secret
 * must appear nowhere; its placeholder and kind must; the voter is told not to share it.
 */
let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => {
  await srv?.close();
});

const KINDS: { kind: string; message: string; secret: RegExp }[] = [
  { kind: "EMAIL", message: "My email is jane.doe88@example.org, what ID do I need to vote?", secret: /jane\.doe88/ },
  { kind: "PHONE", message: "Appelez-moi au 514-555-0142, quelles pièces d'identité faut-il pour voter?", secret: /555.?0142/ },
  { kind: "POSTAL_CODE", message: "I live at H2T 1S4, what ID do I need to vote?", secret: /H2T ?1S4/i },
  { kind: "SIN", message: "Mon NAS est 046 454 286, quelle pièce d'identité apporter pour voter?", secret: /046.?454.?286/ },
  { kind: "HEALTH_CARD", message: "Is my health card TREJ 8503 1219 accepted as ID to vote?", secret: /TREJ|8503 1219/ },
  { kind: "DRIVER_LICENCE", message: "Mon permis T6543-210987-01 est-il accepté pour voter?", secret: /T6543|210987/ },
  { kind: "DATE_OF_BIRTH", message: "I was born on 1990-04-05, what ID do I need to vote?", secret: /1990-04-05/ },
  { kind: "NAME", message: "Je m'appelle Sophie Lavoie, quelles pièces d'identité sont acceptées pour voter?", secret: /Lavoie/ },
  { kind: "ADDRESS", message: "I'm Daniel Roy, 88 Maple Street. What ID do I need to vote?", secret: /Daniel Roy|88 Maple/ },
];

const everything = async () => {
  const r = await srv.runtime.deps.log.db.query<Record<string, unknown>>("SELECT * FROM audit_events");
  return JSON.stringify(r.rows);
};

describe("personal information never reaches the audit log", () => {
  for (const { kind, message, secret } of KINDS) {
    it(`${kind}: redacted in the stored row, over JSON and over SSE`, async () => {
      const json = EnvelopeSchema.parse(await (await fetch(`${srv.url}/api/chat`, { method: "POST", headers: { accept: "application/json" }, body: JSON.stringify({ message }) })).json());
      const sse = await readSse(await fetch(`${srv.url}/api/chat`, { method: "POST", headers: { accept: "text/event-stream" }, body: JSON.stringify({ message }) }));
      const streamed = EnvelopeSchema.parse(JSON.parse(sse.find((e) => e.event === "answer")!.data));
      for (const env of [json, streamed]) {
        expect(env.text).toMatch(/renseignements personnels|personal information/);
        expect(env.text).not.toMatch(secret);
        const turn = await readTurn(srv.runtime.deps.log, env.id);
        expect(JSON.stringify(turn)).not.toMatch(secret);
        expect(turn!.header.guard).toMatchObject({ piiKinds: expect.arrayContaining([kind]) });
        expect(JSON.stringify(turn)).toContain(`[${kind}]`);
      }
      expect(await everything()).not.toMatch(secret);
    });
  }
});
