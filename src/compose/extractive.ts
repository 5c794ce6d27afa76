import type { Citation } from "../contract/envelope.js";
import { expand } from "../retrieve/expand.js";
import type { Hit } from "../retrieve/retrieve.js";
import { terms } from "../text/analyze.js";
import { assessFocus, type FocusVerdict } from "../text/focus.js";
import { askedAct, askedPhrases } from "../text/asked.js";
import { chatAbbreviations } from "../text/chat-speak.js";
import { askedQuantity, asksFacility, asksLocalDetail, givesAddress, namedVenue, statesAskedQuantity } from "../text/answer-type.js";
import { properNounTerms } from "../text/proper-nouns.js";
import { situatingTerms } from "../text/situating.js";
import type { Composer, ComposeInput, Composition } from "./types.js";
import { absentAmong, asksAboutAbsence } from "./absence.js";
import { analysedHeading, analysedUnits, OPENING, pairKey, termOpenings } from "./passage.js";
import { questionKind } from "./question-kind.js";

export const EXTRACTIVE_VERSION = "extractive-v2";
const MAX_UNITS = 3;
const MAX_CHARS = 650;
const MAX_PASSAGES = 4;
/** The sentence after the best one completes it only if it is still about the question. */
const NEXT_SHARE = 0.25;
/** Weight of a section whose heading has two of the voter's words side by side, in their order. */
const HEADING_PHRASE = 1.25;
/** Below this length an answer reads on in its section (see compose). */
const MIN_CHARS = 250;
/** Weight of a section whose heading asks the same kind of question (who, how, when…) as the voter, or another kind. */
const KIND_MATCH = 1.25;
const KIND_MISMATCH = 0.8;

interface Candidate {
  hitIndex: number;
  position: number;
  text: string;
  /** The analysed terms of `text`. */
  terms: readonly string[];
  score: number;
}

/**
 * The offline default composer: answers with the retrieved passages' own sentences,
 * chosen by overlap with the question (its own words count double the lexicon's), with a
 * prior for better-ranked passages. Nothing is paraphrased, so nothing can be invented.
 */
export class ExtractiveComposer implements Composer {
  readonly name = "extractive" as const;

  async compose(input: ComposeInput, onDelta?: (d: string) => void): Promise<Composition> {
    const composition = composeExtractive(input);
    // The whole answer exists at once: one delta. Word-by-word deltas only cost the stream
    // screen a re-check of the growing text per word (quadratic) and the client an event each.
    if (onDelta && composition.body !== "") onDelta(composition.body);
    return composition;
  }
}

const ABSTAIN = { kind: "abstain", body: "", citations: [], generator: "extractive", model: "none", promptVersion: EXTRACTIVE_VERSION } as const satisfies Composition;

export function composeExtractive(input: ComposeInput): Composition {
  return explainExtractive(input).composition;
}

/** Which of the composer's answerability checks made it abstain, if any (for diagnostics and tests). */
export type ExtractiveCheck = "no-sentence" | "focus" | "quantity" | "local-detail";

export interface ExtractiveDecision {
  composition: Composition;
  abstainedOn: ExtractiveCheck | null;
  /** The sentences the answer quotes (or would have quoted, had a check not failed). */
  quoted: string[];
  /** The focus check's verdict, when the retriever's signals were given. */
  focus?: FocusVerdict;
}

export function explainExtractive(input: ComposeInput): ExtractiveDecision {
  const abstain = (check: ExtractiveCheck, quoted: string[] = []): ExtractiveDecision => ({ composition: { ...ABSTAIN, citations: [], abstainedOn: check }, abstainedOn: check, quoted });
  const { lang, hits } = input;
  const w = input.weight ?? (() => 1);
  const questionTerms = terms(input.question, lang);
  const own = [...new Set(questionTerms)];
  const ex = expand(input.question, lang);
  // A voter's word the lexicon recognised ("ID") is answered by its official terms.
  const officialFor = new Map<string, string[]>();
  for (const e of ex.entries) for (const t of terms(e.matched, lang)) officialFor.set(t, [...(officialFor.get(t) ?? []), ...terms(e.added, lang)]);
  const expansion = new Set(terms(ex.added.join(" "), lang).filter((t) => !own.includes(t)));
  // Follow-ups ("and without one?") lean on the previous question's terms.
  const previous = new Set(input.history.slice(-1).flatMap((q) => terms(q, lang)).filter((t) => !own.includes(t)));
  const absent = asksAboutAbsence(input.question);
  // What the voter asks about, in their words and the official ones, to tell "without ID" apart from "no power to".
  const topic = new Set([...own, ...[...officialFor.values()].flat()]);
  const ownPairs = pairs(questionTerms);
  const ownWeight = own.reduce((a, t) => a + w(t), 0) || 1;
  const kind = questionKind(input.question);
  // The question's side of the scoring, worked out once rather than for every sentence.
  const ownTerms = own.map((t) => ({ t, w: w(t), official: officialFor.get(t) ?? [] }));
  const expansionWeights = [...expansion].map((t) => ({ t, w: w(t) }));
  const previousWeights = [...previous].map((t) => ({ t, w: w(t) }));
  const ownPairWeights = ownPairs.map(([a, b]) => ({ key: pairKey(a, b), w: w(a) + w(b) }));
  const candidates: Candidate[] = [];
  hits.slice(0, MAX_PASSAGES).forEach((hit, hitIndex) => {
    const h = analysedHeading(hit.chunk, lang);
    const headingTerms = h.terms;
    const heading = h.titleAndHeading;
    // Whether each of the voter's words is in the heading, itself or by its official terms.
    const inHeading = ownTerms.map(({ t, official }) => headingTerms.includes(t) || official.some((o) => headingTerms.includes(o)));
    // A section whose heading is the voter's question (the corpus is written as questions
    // and answers) answers it: weight its sentences by how much of the question it asks.
    const headingCover = own.reduce((a, t, i) => a + (inHeading[i] ? w(t) : 0), 0) / ownWeight;
    // …and by whether it asks the same kind of question ("who?" is not answered by "how?").
    const headingKind = h.kind;
    const kindFactor = !kind || !headingKind ? 1 : kind === headingKind ? KIND_MATCH : KIND_MISMATCH;
    // A heading that has the voter's words in the voter's order ("voter à domicile") asks
    // their question; one that merely has the same words ("le domicile pour voter") may not.
    const phraseFactor = ownPairWeights.some((p) => h.pairs.has(p.key)) ? HEADING_PHRASE : 1;
    analysedUnits(hit.chunk, lang).forEach((unit, position) => {
      const { text, termSet: ts } = unit;
      let score = 0;
      let covered = 0;
      ownTerms.forEach(({ t, w: wt, official }, i) => {
        const direct = ts.has(t) || official.some((o) => ts.has(o));
        // A section's first sentence answers its heading, so the heading's words count for it
        // at half weight (other sentences get a quarter of that from the title and heading).
        const viaHeading = !direct && position === 0 && inHeading[i]!;
        if (direct) covered += wt;
        score += direct ? 2 * wt : viaHeading ? wt : heading.has(t) ? 0.5 * wt : 0;
      });
      for (const { t, w: wt } of expansionWeights) score += ts.has(t) ? 0.5 * wt : 0;
      for (const { t, w: wt } of previousWeights) score += ts.has(t) ? 0.75 * wt : 0;
      // The voter's words in the same order ("voter à domicile") say more than the same words apart.
      for (const p of ownPairWeights) if (unit.pairs.has(p.key)) score += 0.5 * p.w;
      // Reward sentences that answer the whole question, not one word of it.
      score *= 1 + covered / ownWeight;
      score *= 1 + headingCover * (position === 0 ? 1 : 0.5);
      score *= kindFactor * phraseFactor;
      score *= 1 / (1 + 0.15 * hitIndex);
      // "Without ID you can still…" answers a different question than "which ID?", and the
      // other way round; a negated predicate ("cannot vote") is an answer, not a topic.
      const speaksOfAbsence = absentAmong(unit.absence, topic);
      if (speaksOfAbsence !== absent) score *= 0.6;
      // A document's introduction describes the document; it rarely answers anything.
      if (hit.chunk.heading === "") score *= 0.4;
      score /= 1 + Math.max(0, text.length - 350) / 700;
      candidates.push({ hitIndex, position, text, terms: unit.terms, score });
    });
  });
  const ranked = candidates.filter((c) => c.score > 0).sort((a, b) => b.score - a.score);
  const best = ranked[0];
  if (!best) return abstain("no-sentence");
  const chosen: Candidate[] = [best];
  let length = best.text.length;
  for (const c of ranked.slice(1)) {
    if (chosen.length >= MAX_UNITS) break;
    if (c.score < best.score * 0.7 || c.hitIndex > 1 || length + c.text.length > MAX_CHARS) continue;
    if (chosen.some((x) => x.text === c.text)) continue;
    chosen.push(c);
    length += c.text.length;
  }
  // An answer that starts mid-section loses the section's direct answer ("No, …") and one
  // that stops mid-thought loses its condition: complete the best passage's sentences into
  // one run from the section's first sentence, then the sentence after, while they fit.
  const sameHit = candidates.filter((c) => c.hitIndex === best.hitIndex);
  const extra = [...sameHit.filter((c) => c.position < best.position).sort((a, b) => a.position - b.position), ...sameHit.filter((c) => c.position === best.position + 1 && c.score >= best.score * NEXT_SHARE)];
  const has = (c: Candidate) => chosen.some((x) => x.hitIndex === c.hitIndex && x.position === c.position);
  for (const c of extra) {
    if (!has(c) && length + c.text.length <= MAX_CHARS && c.score > 0) {
      chosen.push(c);
      length += c.text.length;
    }
  }
  // A one-line answer usually stops before its condition or its "how": read on in the section.
  for (const c of sameHit.filter((x) => x.position > best.position).sort((a, b) => a.position - b.position)) {
    if (length >= MIN_CHARS) break;
    if (has(c)) continue;
    if (length + c.text.length > MAX_CHARS) break;
    chosen.push(c);
    length += c.text.length;
  }
  const quoted = chosen.map((c) => c.text);
  // The terms of the sentences the answer would quote: the focus and local-detail checks both read them.
  const said: ReadonlySet<string> = new Set(chosen.flatMap((c) => c.terms));
  const focus = input.signals ? focusOf(input, own, officialFor, chosen, said) : undefined;
  if (focus && !focus.covered) return { ...abstain("focus", quoted), focus };
  // "How much does an election cost?" answered without a single figure answers another question.
  // …and so does one whose only figures are of another type: a date for a cost, a time of
  // day for a wage, a count of electors for a count of votes.
  const quantity = askedQuantity(input.question);
  if (quantity) {
    const counted = quantity.type === "count" ? terms(quantity.noun, lang).flatMap((t) => [t, ...(officialFor.get(t) ?? [])]) : [];
    if (!chosen.some((c) => statesAskedQuantity(quantity, c.text, counted, (word) => terms(word, lang)))) return { ...abstain("quantity", quoted), ...(focus ? { focus } : {}) };
  }
  // A detail of a place the sources never name, answered with sentences that do not name it
  // either, is a general answer passed off as the local one.
  if (input.signals) {
    const unknown = new Set(input.signals.unknownTerms);
    const places = [...properNounTerms(input.question, input.lang)].filter((t) => unknown.has(t));
    const unnamed = (names: readonly string[]) => names.length > 0 && !names.some((t) => said.has(t));
    // A street address is a place no source names: its polling station, school or room is
    // on the voter's notice, not in the sources.
    const local = asksLocalDetail(input.question) && (unnamed(places) || givesAddress(input.question));
    // A building named as a polling place: its facilities are its own detail.
    const venue = asksFacility(input.question) ? namedVenue(input.question) : null;
    if (local || (venue !== null && unnamed(terms(venue, input.lang)))) return { ...abstain("local-detail", quoted), ...(focus ? { focus } : {}) };
  }
  return { composition: assemble(hits, chosen), abstainedOn: null, quoted, ...(focus ? { focus } : {}) };
}

/**
 * Whether the chosen sentences (and their sections' headings) hold what the question is
 * about (the verdict's `covered`): a "can I bring my dog?" answered with "you can bring a person to help you" cites
 * correctly and misleads. See text/focus.ts.
 */
function focusOf(input: ComposeInput, own: readonly string[], officialFor: ReadonlyMap<string, string[]>, chosen: readonly Candidate[], said: ReadonlySet<string>): FocusVerdict {
  const { lang, hits } = input;
  const signals = input.signals!;
  const answered = new Set(said);
  for (const i of new Set(chosen.map((c) => c.hitIndex))) for (const t of analysedHeading(hits[i]!.chunk, lang).terms) answered.add(t);
  const situating = situatingTerms(lang);
  const weight = input.weight ?? (() => 1);
  // A redacted value ("my cell is [PHONE]") and the words that introduce it say what the
  // voter gave, not what they ask.
  // (A question with no "[" has no redaction: its terms are then the voter's own.)
  const asked = input.question.includes("[") ? [...new Set(terms(input.question.replace(/(?:[\p{L}'’-]+\s+){0,3}\[[A-Z_]+\]/gu, " "), lang))] : own;
  // An inflection the stemmer leaves apart ("inscris" beside "inscrire") is the corpus's word.
  const openings = hits.map((h) => termOpenings(h.chunk, lang));
  const unknown = new Set(signals.unknownTerms.filter((t) => !inflectionOf(t, openings)));
  const verdict = assessFocus({
    own: asked,
    unknown,
    neutral: new Set([...signals.neutralTerms, ...own.filter((t) => situating.has(t)), ...chatAbbreviations(input.question, lang)]),
    corrections: signals.corrections,
    officialFor,
    answered,
    weight,
    // No passage holds a space, so this is the weight of a word the corpus never uses.
    unseenWeight: weight(" "),
    asked: askedPhrases(input.question).map((p) => terms(p, lang)),
    act: terms(askedAct(input.question) ?? "", lang),
  });
  return verdict;
}

/** Whether a passage term shares the unknown term's first five letters (an inflection the stemmer missed). */
function inflectionOf(term: string, passageOpenings: readonly ReadonlySet<string>[]): boolean {
  if (term.length < OPENING) return false;
  const stem = term.slice(0, OPENING);
  return passageOpenings.some((o) => o.has(stem));
}

/** Adjacent pairs of a term sequence. */
function pairs(seq: readonly string[]): [string, string][] {
  return seq.slice(1).map((t, i) => [seq[i]!, t]);
}

/** Orders units passage by passage, numbers the passages, one citation each. */
function assemble(hits: readonly Hit[], chosen: Candidate[]): Composition {
  const order = [...new Set(chosen.map((c) => c.hitIndex))].sort((a, b) => {
    const bestOf = (i: number) => Math.max(...chosen.filter((c) => c.hitIndex === i).map((c) => c.score));
    return bestOf(b) - bestOf(a);
  });
  const citations: Citation[] = [];
  const parts: string[] = [];
  order.forEach((hitIndex, i) => {
    const n = i + 1;
    const hit = hits[hitIndex]!;
    const units = chosen.filter((c) => c.hitIndex === hitIndex).sort((a, b) => a.position - b.position);
    parts.push(`${units.map((u) => u.text).join(" ")} [${n}]`);
    citations.push({ n, sourceId: hit.chunk.docId, chunkId: hit.chunk.id, title: hit.chunk.title, url: hit.chunk.url, quote: units[0]!.text });
  });
  return { kind: "answer", body: parts.join("\n\n"), citations, generator: "extractive", model: "none", promptVersion: EXTRACTIVE_VERSION };
}
