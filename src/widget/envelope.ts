/**
 * The parts of the answer envelope (shared/DESIGN.md) the widget renders, and the other
 * JSON the widget reads, checked by hand: zod would add `__zod_*` globals to the host page,
 * and the widget promises one global only. The raw JSON is kept beside the parsed view,
 * because the signature covers the envelope exactly as sent.
 */
export type Lang = "fr" | "en";
export type Kind = "answer" | "abstain" | "refusal";

export interface WidgetCitation {
  n: number;
  url: string;
  title: string;
}

export interface WidgetEnvelope {
  id: string;
  conversationId: string;
  lang: Lang;
  kind: Kind;
  text: string;
  label: { text: string };
  officialLink: { url: string; title: string };
  citations: WidgetCitation[];
  signature: { alg: "Ed25519"; keyId: string; value: string };
}

export type TurnStatus = "published" | "withdrawn" | "unknown";

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === "string" && v.length > 0 ? v : null;
}

function oneOf<T extends string>(v: unknown, options: readonly T[]): T | null {
  return options.find((o) => o === v) ?? null;
}

function citation(v: unknown): WidgetCitation | null {
  if (!isRecord(v)) return null;
  const url = str(v.url);
  const title = str(v.title);
  return typeof v.n === "number" && Number.isInteger(v.n) && url && title ? { n: v.n, url, title } : null;
}

export function parseEnvelope(v: unknown): WidgetEnvelope | null {
  if (!isRecord(v) || v.aiGenerated !== true) return null;
  const id = str(v.id);
  const conversationId = str(v.conversationId);
  const lang = oneOf(v.lang, ["fr", "en"] as const);
  const kind = oneOf(v.kind, ["answer", "abstain", "refusal"] as const);
  const text = str(v.text);
  const label = isRecord(v.label) ? str(v.label.text) : null;
  const link = isRecord(v.officialLink) ? { url: str(v.officialLink.url), title: str(v.officialLink.title) } : null;
  const sig = isRecord(v.signature) ? { alg: v.signature.alg, keyId: str(v.signature.keyId), value: str(v.signature.value) } : null;
  const citations = Array.isArray(v.citations) ? v.citations.map(citation) : null;
  if (!id || !conversationId || !lang || !kind || !text || !label || !link?.url || !link.title || !citations || citations.includes(null)) return null;
  if (!sig || sig.alg !== "Ed25519" || !sig.keyId || !sig.value) return null;
  return {
    id, conversationId, lang, kind, text,
    label: { text: label },
    officialLink: { url: link.url, title: link.title },
    citations: citations.filter((c): c is WidgetCitation => c !== null),
    signature: { alg: "Ed25519", keyId: sig.keyId, value: sig.value },
  };
}

export function parseErrorCode(v: unknown): string | null {
  return isRecord(v) && isRecord(v.error) ? str(v.error.code) : null;
}

export function parseDelta(v: unknown): string | null {
  return isRecord(v) && typeof v.text === "string" ? v.text : null;
}

export function parseTurnStatuses(v: unknown): Map<string, TurnStatus> | null {
  if (!isRecord(v) || !Array.isArray(v.turns)) return null;
  const out = new Map<string, TurnStatus>();
  for (const t of v.turns) {
    const id = isRecord(t) ? str(t.id) : null;
    const status = isRecord(t) ? oneOf(t.status, ["published", "withdrawn", "unknown"] as const) : null;
    if (!id || !status) return null;
    out.set(id, status);
  }
  return out;
}

export interface WidgetConfig {
  retentionDays: number;
  partyName: string | null;
}

export function parseWidgetConfig(v: unknown): WidgetConfig | null {
  if (!isRecord(v) || typeof v.retentionDays !== "number" || !isRecord(v.party)) return null;
  return { retentionDays: v.retentionDays, partyName: str(v.party.name) };
}

/** Parses JSON text without throwing: malformed input is a value, not an exception. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Only https links are ever rendered as links (never javascript:, data:…). */
export function safeHttpsUrl(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}
