import type { Lang } from "../contract/envelope.js";
import type { Chunk } from "../ingest/chunk.js";
import { terms } from "../text/analyze.js";
import { absenceWindows } from "./absence.js";
import { questionKind } from "./question-kind.js";
import { splitUnits } from "./units.js";

/** One citable unit of a passage (units.ts) with what the extractive composer reads of it. */
export interface AnalysedUnit {
  /** Verbatim passage text. */
  readonly text: string;
  /** Its analysed terms, in order. */
  readonly terms: readonly string[];
  readonly termSet: ReadonlySet<string>;
  /** Its adjacent term pairs, as pairKey(a, b). */
  readonly pairs: ReadonlySet<string>;
  /** The terms after each marker of absence ("sans", "without"…): see absence.ts. */
  readonly absence: readonly (readonly string[])[];
}

/** What the extractive composer reads of a passage's section heading and title. */
export interface AnalysedHeading {
  readonly terms: readonly string[];
  readonly pairs: ReadonlySet<string>;
  /** Terms of the document title and the heading together. */
  readonly titleAndHeading: ReadonlySet<string>;
  /** questionKind of the heading, yes/no questions included. */
  readonly kind: string | null;
}

/** Key of an adjacent term pair (terms hold no spaces). */
export const pairKey = (a: string, b: string): string => `${a} ${b}`;

/** The set of a term sequence's adjacent pairs. */
export function pairSet(seq: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 1; i < seq.length; i++) out.add(pairKey(seq[i - 1]!, seq[i]!));
  return out;
}

interface Entry {
  chunk: Pick<Chunk, "title" | "heading" | "text">;
  lang: Lang;
  units?: readonly AnalysedUnit[];
  heading?: AnalysedHeading;
  openings?: ReadonlySet<string>;
  termSet?: ReadonlySet<string>;
}

/**
 * The best passages come back turn after turn, and splitting and analysing their sentences
 * anew was most of the composer's CPU. Chunks are immutable, so each is analysed once, keyed
 * by the object (collected with it) and checked against its text in case a caller reuses one.
 */
const entries = new WeakMap<object, Entry[]>();

function entryOf(chunk: Pick<Chunk, "title" | "heading" | "text">, lang: Lang): Entry {
  let list = entries.get(chunk);
  if (list === undefined) entries.set(chunk, (list = []));
  let e = list.find((x) => x.lang === lang && x.chunk.text === chunk.text && x.chunk.heading === chunk.heading && x.chunk.title === chunk.title);
  if (e === undefined) {
    // A copy of what was analysed: a caller that changes its object gets a fresh entry.
    e = { chunk: { title: chunk.title, heading: chunk.heading, text: chunk.text }, lang };
    list.push(e);
  }
  return e;
}

/** A passage's units (splitUnits), each analysed. */
export function analysedUnits(chunk: Pick<Chunk, "title" | "heading" | "text">, lang: Lang): readonly AnalysedUnit[] {
  const e = entryOf(chunk, lang);
  return (e.units ??= splitUnits(chunk.text, lang).map((text) => {
    const seq = terms(text, lang);
    return { text, terms: seq, termSet: new Set(seq), pairs: pairSet(seq), absence: absenceWindows(text, lang) };
  }));
}

/** A passage's heading, analysed. */
export function analysedHeading(chunk: Pick<Chunk, "title" | "heading" | "text">, lang: Lang): AnalysedHeading {
  const e = entryOf(chunk, lang);
  if (e.heading === undefined) {
    const seq = terms(chunk.heading, lang);
    e.heading = { terms: seq, pairs: pairSet(seq), titleAndHeading: new Set(terms(`${chunk.title} ${chunk.heading}`, lang)), kind: questionKind(chunk.heading, { yesNo: true }) };
  }
  return e.heading;
}

/** Length of the opening two terms must share to be read as one word's inflections (focus check). */
export const OPENING = 5;

/** The first OPENING letters of each term of the passage's heading and text that has that many. */
export function termOpenings(chunk: Pick<Chunk, "title" | "heading" | "text">, lang: Lang): ReadonlySet<string> {
  const e = entryOf(chunk, lang);
  return (e.openings ??= new Set(terms(`${chunk.heading} ${chunk.text}`, lang).filter((t) => t.length >= OPENING).map((t) => t.slice(0, OPENING))));
}

/** The analysed terms of a passage's text, as a set (the lexical support of a sentence citing it). */
export function passageTermSet(chunk: Pick<Chunk, "title" | "heading" | "text">, lang: Lang): ReadonlySet<string> {
  const e = entryOf(chunk, lang);
  return (e.termSet ??= new Set(terms(chunk.text, lang)));
}
