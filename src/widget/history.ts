import { isRecord, parseEnvelope, parseJson, type Lang, type WidgetEnvelope } from "./envelope.js";

/**
 * The conversation, kept in sessionStorage under one namespaced key so it survives page
 * navigation on the party's site and disappears when the tab closes. It holds only what is
 * on screen (questions as typed, signed answers) and the conversation id; nothing else.
 */
export type Item =
  | { role: "user"; text: string }
  | { role: "assistant"; raw: unknown; envelope: WidgetEnvelope }
  /** A withdrawn answer: its text is dropped, only the notice remains. */
  | { role: "withdrawn"; id: string; lang: Lang };

export interface Session {
  conversationId: string | null;
  /** Set only when the voter switched language in the panel. */
  lang: Lang | null;
  items: Item[];
}

export const MAX_ITEMS = 40;

export function storageKey(api: string): string {
  return `scrutin:v1:${api}`;
}

export function emptySession(): Session {
  return { conversationId: null, lang: null, items: [] };
}

function item(v: unknown): Item | null {
  if (!isRecord(v)) return null;
  if (v.role === "user" && typeof v.text === "string") return { role: "user", text: v.text };
  if (v.role === "withdrawn" && typeof v.id === "string" && (v.lang === "fr" || v.lang === "en")) return { role: "withdrawn", id: v.id, lang: v.lang };
  const envelope = v.role === "assistant" ? parseEnvelope(v.envelope) : null;
  return envelope ? { role: "assistant", raw: v.envelope, envelope } : null;
}

/** Reads the session; anything unreadable or tampered with starts a fresh one. */
export function loadSession(storage: Storage | null, key: string): Session {
  let text: string | null;
  try {
    text = storage?.getItem(key) ?? null;
  } catch {
    return emptySession();
  }
  const json = text === null ? null : parseJson(text);
  const v = json?.ok ? json.value : null;
  if (!isRecord(v) || v.v !== 1 || !Array.isArray(v.items)) return emptySession();
  return {
    conversationId: typeof v.conversationId === "string" ? v.conversationId : null,
    lang: v.lang === "fr" || v.lang === "en" ? v.lang : null,
    items: v.items.map(item).filter((i): i is Item => i !== null),
  };
}

export function saveSession(storage: Storage | null, key: string, s: Session): void {
  const items = s.items.slice(-MAX_ITEMS).map((it) => (it.role === "assistant" ? { role: it.role, envelope: it.raw } : it));
  try {
    storage?.setItem(key, JSON.stringify({ v: 1, conversationId: s.conversationId, lang: s.lang, items }));
  } catch {
    // Storage full or disabled: the conversation still works, it just will not survive a reload.
  }
}
