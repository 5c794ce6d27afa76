import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EnvelopeSchema } from "../src/contract/envelope.js";
import { startTestServer, type TestServer } from "./support/runtime.js";

/**
 * Refusals are short, polite, in the voter's language, give no opinion, and redirect:
 * the party's own platform page (PARTY_PLATFORM_URL), Elections Canada for federal
 * questions, and always Élections Québec's link and number.
 */
let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ PARTY_NAME: "Parti démo", PARTY_PLATFORM_URL: "https://parti-demo.example/plateforme" });
});
afterAll(async () => {
  await srv?.close();
});

const ask = async (message: string) =>
  EnvelopeSchema.parse(await (await fetch(`${srv.url}/api/chat`, { method: "POST", headers: { accept: "application/json" }, body: JSON.stringify({ message }) })).json());

describe("refusals", () => {
  it.each([
    ["Pour qui devrais-je voter?", "fr", /neutre/, /parti-demo\.example\/plateforme/],
    ["What is the CAQ's platform on health?", "en", /neutral/, /parti-demo\.example\/plateforme/],
    ["Quand est la prochaine élection fédérale?", "fr", /Élections Canada/, /elections\.ca/],
    ["Who will win the election?", "en", /predictions/, /preliminary/],
    ["Legault est-il un menteur?", "fr", /opinion/, /comment, quand et où voter/],
    ["How do I vote in the Ontario election?", "en", /Québec/, /electoral agency/],
  ])("%s → a %s refusal that redirects", async (q, lang, what, redirect) => {
    const env = await ask(q);
    expect(env.kind).toBe("refusal");
    expect(env.lang).toBe(lang);
    expect(env.text).toMatch(what);
    expect(env.text).toMatch(redirect);
    expect(env.text).toContain(env.officialLink.url);
    expect(env.text.split("\n\n")[0]!.length).toBeLessThan(260);
    expect(env.text).not.toMatch(/\b(?:best|meilleur|liar|menteur est|should vote for)\b/i);
  });
});
