import { openPostgres } from "../../src/adapters/postgres.js";
import { createToken } from "../../src/audit/tokens.js";
import type { Role } from "../../src/audit/principal.js";
import { startTestServer, type TestServer } from "./runtime.js";

/** Sends one chat message through the HTTP API and returns the envelope. */
export async function chat(srv: TestServer, message: string, conversationId?: string): Promise<{ id: string; conversationId: string; kind: string; lang: string }> {
  const res = await fetch(`${srv.url}/api/chat`, {
    method: "POST",
    headers: { accept: "application/json" },
    body: JSON.stringify(conversationId ? { message, conversationId } : { message }),
  });
  if (res.status !== 200) throw new Error(`chat ${res.status}: ${await res.text()}`);
  return (await res.json()) as { id: string; conversationId: string; kind: string; lang: string };
}

export async function token(srv: TestServer, role: Role, name = `${role}-test`): Promise<string> {
  return (await createToken(srv.runtime.deps.log.db, { name, role })).token;
}

export function bearer(t: string): Record<string, string> {
  return { authorization: `Bearer ${t}` };
}

/**
 * A private schema on the Postgres server named by DATABASE_URL, for one test file; the
 * returned URL selects it. `drop` removes it.
 */
export async function privateSchema(databaseUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `${prefix}_${process.pid}_${Date.now()}`;
  const admin = await openPostgres(databaseUrl);
  await admin.exec(`CREATE SCHEMA ${schema}`);
  await admin.close();
  const u = new URL(databaseUrl);
  u.searchParams.set("options", `-c search_path=${schema}`);
  return {
    url: u.toString(),
    async drop() {
      const a = await openPostgres(databaseUrl);
      await a.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await a.close();
    },
  };
}

/** Questions that give every kind of turn in both languages with the fixture corpus. */
export const MIXED_QUESTIONS = [
  "Quelles pièces d'identité dois-je présenter pour voter?",
  "What ID do I need to show to vote?",
  "Mon employeur doit-il me laisser le temps d'aller voter?",
  "Does my employer have to let me go vote?",
  "Who will win the election?",
  "Pour qui devrais-je voter?",
  "Where can I park near my polling station on Papineau street?",
  "Quelles sont les heures d'ouverture des bureaux de vote?",
];

export type StoreUnderTest = [name: string, start: () => Promise<{ srv: TestServer; cleanup: () => Promise<void> }>];

/**
 * The audit stores a test runs against: embedded PGlite always, and the Postgres server of
 * DATABASE_URL (in a private schema named after `prefix`, dropped by `cleanup`) when set.
 */
export function storesUnderTest(databaseUrl: string | undefined, prefix: string): StoreUnderTest[] {
  const stores: StoreUnderTest[] = [["PGlite", async () => ({ srv: await startTestServer(), cleanup: async () => {} })]];
  if (databaseUrl) {
    stores.push([
      "Postgres",
      async () => {
        const schema = await privateSchema(databaseUrl, prefix);
        return { srv: await startTestServer({ DATABASE_URL: schema.url }), cleanup: schema.drop };
      },
    ]);
  }
  return stores;
}
