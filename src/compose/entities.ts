import { boundedMemo } from "../text/bounded-memo.js";
import tlds from "tlds" with { type: "json" };
import { execAll } from "../text/exec-all.js";
/**
 * Hard facts a voter could act on: URLs, e-mail addresses, phone numbers, figures
 * (dates, times, amounts, counts), and month or weekday names. An answer may contain
 * one only if a cited passage contains it too.
 */
export type EntityKind = "url" | "email" | "phone" | "number" | "dayOrMonth";

export interface Entity {
  kind: EntityKind;
  raw: string;
  /** Normalised form compared against passages. */
  key: string;
}

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>()"'\]]+[^\s<>()"'\].,;:!?]/giu;
// A bare domain ("vote-quebec.com", "quebec.vote/register") is a link a voter can type, so
// it counts as a URL. The top-level domain must be a real one (IANA's list) written in
// lower case: "index.php", "M.Sc" or "a.m." are not links.
const TLD = [...tlds].filter((t) => /^[a-z]+$/.test(t)).sort((a, b) => b.length - a.length).join("|");
const BARE_DOMAIN_RE = new RegExp(`(?<![\\p{L}\\p{N}_.@/-])(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+(?:${TLD})(?![\\p{L}\\p{N}_-])(?:/[^\\s<>()"'\\]]*[^\\s<>()"'\\].,;:!?])?`, "giu");
const EMAIL_RE = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/gu;
const PHONE_RE = /(?:\+?1[\s.-]?)?(?:\(?\d{3}\)?[\s.-]?)\d{3}[\s.-]?\d{4}\b|\b1[\s.-]?8\d\d[\s.-]?[A-ZÉ]{3,}\b/gu;
const NUMBER_RE = /\d+(?:(?:[\s\u00a0]?h[\s\u00a0]?|[\s\u00a0.,:])\d+)*/gu;
const NAMES = [
  "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
  "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
  "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
];
const NAME_RE = new RegExp(`\\b(${NAMES.join("|")})\\b`, "giu");

const foldLower = (s: string) => s.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();

function normaliseUrl(u: string): string {
  return foldLower(u).replace(/^https?:\/\//, "").replace(/^www\./, "").replace(/\/+$/, "");
}

/**
 * A bare domain needs a letter or digit, a dot, then a letter (the top-level domain's first):
 * most text has none, and the pattern, with every top-level domain, is the costly one.
 */
const MAY_HOLD_DOMAIN = /[\p{L}\p{N}]\.\p{L}/u;
const LOWER_CASE_TLD = /\.[a-z]+(?:\/|$)/;

/**
 * Takes the URLs and bare domains out of `rest` (citation markers already blanked) into
 * `out`, and returns the rest with them blanked. Each pattern is read in one pass that both
 * collects and blanks its matches.
 */
function takeUrls(rest: string, out: Entity[]): string {
  rest = rest.replace(URL_RE, (u) => {
    out.push({ kind: "url", raw: u, key: normaliseUrl(u) });
    return " ";
  });
  if (!MAY_HOLD_DOMAIN.test(rest)) return rest;
  return rest.replace(BARE_DOMAIN_RE, (d) => {
    if (!LOWER_CASE_TLD.test(d)) return d;
    out.push({ kind: "url", raw: d, key: normaliseUrl(d) });
    return " ";
  });
}

/** Finds the hard facts in a text. Citation markers like [2] are not figures. */
export function extractEntities(text: string): Entity[] {
  const out: Entity[] = [];
  let rest = takeUrls(text.replace(/\[\d+\]/g, " "), out);
  rest = rest.replace(EMAIL_RE, (m) => {
    out.push({ kind: "email", raw: m, key: foldLower(m) });
    return " ";
  });
  rest = rest.replace(PHONE_RE, (m) => {
    const digits = m.replace(/\D/g, "");
    out.push({ kind: "phone", raw: m, key: digits.length >= 10 ? digits.slice(-10) : foldLower(m).replace(/[\s.-]/g, "") });
    return " ";
  });
  for (const m of execAll(NUMBER_RE, rest)) {
    const key = m[0].replace(/[^\d]/g, "").replace(/^0+(?=\d)/, "");
    out.push({ kind: "number", raw: m[0], key });
  }
  for (const m of execAll(NAME_RE, rest)) out.push({ kind: "dayOrMonth", raw: m[0], key: foldLower(m[0]) });
  return out;
}

/** The URLs and bare domains of a text: the "url" entities of extractEntities, in its order. */
export function extractUrls(text: string): Entity[] {
  const out: Entity[] = [];
  takeUrls(text.replace(/\[\d+\]/g, " "), out);
  return out;
}

/** An entity as compared with another: its kind and normalised form. */
export const entityKey = (e: Entity): string => `${e.kind}:${e.key}`;

const SOURCE_KEYS_MAX = 4096;

/**
 * The entity keys of a source text (a passage, an official fact). The same passages come
 * back turn after turn, and the URL pattern (every top-level domain) made extracting them
 * the costliest step between retrieval and the model call; they are kept, bounded like the
 * term cache, since sources are few but a caller could pass any text.
 */
export const sourceEntityKeys = boundedMemo(SOURCE_KEYS_MAX, (text: string): readonly string[] => [...new Set(extractEntities(text).map(entityKey))]);

/** Whether every entity of `claim` is present among the entities of `sources`. */
export function unsupportedEntities(claim: string, sources: readonly string[], allowed: readonly string[] = []): Entity[] {
  const known = new Set<string>();
  for (const s of [...sources, ...allowed]) for (const k of sourceEntityKeys(s)) known.add(k);
  // A number can also appear inside a phone or URL of the source ("888" in the phone).
  return extractEntities(claim).filter((e) => !known.has(entityKey(e)));
}
