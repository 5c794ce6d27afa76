import { parseHexColor } from "./color.js";
import type { Lang } from "./envelope.js";

export type { Lang };
export type Position = "bottom-right" | "bottom-left";

export interface WidgetOptions {
  /** The language asked for by the page (data-lang, <html lang>, the browser), fr by default. */
  lang: Lang;
  position: Position;
  /** Launcher and header colour. */
  color: string | null;
  /** Links, focus rings and the send button. */
  accent: string | null;
  /** The host party, shown as "offered by …", never as the assistant's voice. */
  party: string | null;
  /** Where the Scrutin API lives: data-api, else the script's own origin. */
  api: string;
}

/** Any attribute source: the <script> element's dataset in the browser, a plain map in tests. */
export interface AttributeSource {
  get(name: string): string | null | undefined;
}

export function langOf(value: string | null | undefined): Lang | null {
  const v = (value ?? "").trim().toLowerCase();
  if (v === "fr" || v.startsWith("fr-")) return "fr";
  if (v === "en" || v.startsWith("en-")) return "en";
  return null;
}

function apiBase(value: string | null | undefined, scriptSrc: string | null, pageUrl: string): string {
  for (const candidate of [value, scriptSrc]) {
    if (!candidate) continue;
    try {
      const u = new URL(candidate, pageUrl);
      if (u.protocol !== "https:" && u.protocol !== "http:") continue;
      // data-api may name a path prefix (a reverse proxy); the script's own URL gives its origin.
      return candidate === value ? `${u.origin}${u.pathname.replace(/\/+$/, "")}` : u.origin;
    } catch {
      continue;
    }
  }
  return new URL(pageUrl).origin;
}

/**
 * Reads the embed's data attributes. Anything invalid falls back to a safe default rather
 * than breaking the host page: an unknown position is bottom-right, a colour that is not a
 * hex colour is ignored, an over-long party name is cut.
 */
export function readOptions(attrs: AttributeSource, env: { scriptSrc: string | null; pageUrl: string; htmlLang: string | null; navigatorLang: string | null }): WidgetOptions {
  const position = attrs.get("position")?.trim().toLowerCase();
  const party = (attrs.get("party") ?? "").replace(/\s+/g, " ").trim().slice(0, 80);
  return {
    lang: langOf(attrs.get("lang")) ?? langOf(env.htmlLang) ?? langOf(env.navigatorLang) ?? "fr",
    position: position === "bottom-left" ? "bottom-left" : "bottom-right",
    color: parseHexColor(attrs.get("color")),
    accent: parseHexColor(attrs.get("accent")),
    party: party.length > 0 ? party : null,
    api: apiBase(attrs.get("api"), env.scriptSrc, env.pageUrl),
  };
}
