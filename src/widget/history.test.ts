import { describe, expect, it } from "vitest";
import { createSigner, generatePrivateJwk } from "../seal/sign.js";
import { seal } from "../seal/envelope.js";
import { parseEnvelope } from "./envelope.js";
import { loadSession, MAX_ITEMS, saveSession, storageKey } from "./history.js";

class MemoryStorage {
  readonly map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
}

async function envelope(id: string) {
  const signer = await createSigner(await generatePrivateJwk());
  const env = await seal({ id, conversationId: "conv-0001", lang: "fr", kind: "abstain", body: "Je ne sais pas.", notices: [], citations: [], corpusVersion: "c-0123456789abcdef", generator: "extractive", model: "none", promptVersion: "abstain-v1", createdAt: "2026-10-01T12:00:00.000Z" }, signer);
  const raw: unknown = JSON.parse(JSON.stringify(env));
  return { raw, envelope: parseEnvelope(raw)! };
}

describe("the conversation kept in sessionStorage", () => {
  const key = storageKey("https://scrutin.example");

  it("round-trips questions, signed answers (byte for byte) and withdrawn notices under one namespaced key", async () => {
    const storage = new MemoryStorage();
    const a = await envelope("turn-0001");
    saveSession(storage, key, { conversationId: "conv-0001", lang: "en", items: [{ role: "user", text: "Où voter?" }, { role: "assistant", ...a }, { role: "withdrawn", id: "turn-0000", lang: "fr" }] });
    expect([...storage.map.keys()]).toEqual(["scrutin:v1:https://scrutin.example"]);
    const s = loadSession(storage, key);
    expect(s.conversationId).toBe("conv-0001");
    expect(s.lang).toBe("en");
    expect(s.items.map((i) => i.role)).toEqual(["user", "assistant", "withdrawn"]);
    expect(s.items[1]).toEqual({ role: "assistant", ...a });
  });

  it("keeps no text of a withdrawn answer", async () => {
    const storage = new MemoryStorage();
    saveSession(storage, key, { conversationId: null, lang: null, items: [{ role: "withdrawn", id: "turn-0001", lang: "fr" }] });
    expect(storage.getItem(key)).toBe('{"v":1,"conversationId":null,"lang":null,"items":[{"role":"withdrawn","id":"turn-0001","lang":"fr"}]}');
  });

  it("starts afresh from garbage, and drops answers that no longer parse", async () => {
    const storage = new MemoryStorage();
    storage.setItem(key, "{not json");
    expect(loadSession(storage, key)).toEqual({ conversationId: null, lang: null, items: [] });
    storage.setItem(key, JSON.stringify({ v: 1, conversationId: 5, lang: "de", items: [{ role: "assistant", envelope: { id: "x" } }, { role: "user", text: "ok" }, { role: "admin" }] }));
    expect(loadSession(storage, key)).toEqual({ conversationId: null, lang: null, items: [{ role: "user", text: "ok" }] });
  });

  it(`keeps the last ${MAX_ITEMS} items, and survives storage that throws`, () => {
    const storage = new MemoryStorage();
    saveSession(storage, key, { conversationId: null, lang: null, items: Array.from({ length: MAX_ITEMS + 5 }, (_, i) => ({ role: "user" as const, text: `q${i}` })) });
    const items = loadSession(storage, key).items;
    expect(items).toHaveLength(MAX_ITEMS);
    expect(items[0]).toEqual({ role: "user", text: "q5" });
    const broken = Object.assign(new MemoryStorage(), {
      setItem() {
        throw new Error("QuotaExceededError");
      },
      getItem(): string {
        throw new Error("SecurityError");
      },
    });
    expect(() => saveSession(broken, key, { conversationId: null, lang: null, items: [] })).not.toThrow();
    expect(loadSession(broken, key).items).toEqual([]);
  });
});
