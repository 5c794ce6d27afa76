import type { ChatRequest, Envelope, Lang } from "../contract/envelope.js";
import type { Composer, Composition } from "../compose/types.js";
import { verifyComposition, type Violation } from "../compose/verify.js";
import { guardQuestion } from "../guard/guard.js";
import { abstainText, privacyNotice, refusalText } from "../guard/messages.js";
import { integrityViolations } from "../guard/output.js";
import { premiseQuery } from "../guard/premise.js";
import { StreamScreen } from "../guard/stream-screen.js";
import type { Hit, Retrieval } from "../retrieve/retrieve.js";
import { footer, seal } from "../seal/envelope.js";
import { sha256Hex, canonicalJson } from "../log/chain.js";
import { assessAnswerability } from "./answerable.js";
import { retrievalQueryFor } from "./follow-up.js";
import type { PipelineDeps } from "./deps.js";

/**
 * One step of composition, for the audit record. `detail` may quote the question or model
 * text, so only `kinds` (violation names) and details marked `textFree` (made by code from
 * numbers) go in the header, which outlives retention; the full detail goes in the body.
 */
interface TrailStep {
  step: string;
  detail: string;
  kinds?: string[];
  textFree?: boolean;
}

export type AnswerEvent = { type: "delta"; text: string } | { type: "reset" };

const TOP_K = 6;

/**
 * Answers one voter message: guard → retrieve → compose → verify → label, link, sign →
 * log. `onEvent` receives text as it becomes safe to show; a `reset` means "discard what
 * was streamed so far" (the model's answer was replaced). The returned envelope is final
 * and is already in the audit log.
 */
export async function answer(req: ChatRequest, deps: PipelineDeps, onEvent: (e: AnswerEvent) => void = () => {}, signal?: AbortSignal): Promise<Envelope> {
  const started = performance.now();
  const createdAt = deps.now().toISOString();
  const id = deps.newId();
  const conversationId = req.conversationId ?? deps.newId();
  const loggedHistory = req.conversationId ? await deps.log.recentQuestions(conversationId, 3) : [];
  const guard = await guardQuestion(req.message, req.lang, deps.scopeClassifier, loggedHistory);
  const history = guard.safeHistory;
  const lang = guard.lang;
  let streamed = false;
  const emit = (text: string) => {
    streamed = true;
    onEvent({ type: "delta", text });
  };

  let composition: Composition;
  let retrieval: Retrieval | null = null;
  let retrievalQuery = guard.redacted;
  const trail: TrailStep[] = [];

  if (guard.category !== "in_scope") {
    composition = fixed("refusal-v1", refusalText(guard.category, lang, deps.links));
    emit(composition.body);
  } else {
    retrievalQuery = retrievalQueryFor(guard.redacted, history, lang);
    // A question built on misinformation also looks for the rule it distorts (guard/premise.ts).
    if (guard.premise) retrievalQuery = premiseQuery(retrievalQuery, guard.premise, lang);
    retrieval = await deps.retriever.retrieve(retrievalQuery, lang, TOP_K);
    const answerability = assessAnswerability(retrieval);
    trail.push({ step: "answerability", detail: answerability.reason, textFree: true });
    if (!answerability.answerable) {
      composition = fixed("abstain-v1", abstainText(lang), "abstain");
      emit(composition.body);
    } else {
      const weight = (t: string) => deps.retriever.idf(t, lang);
      const input = { question: guard.redacted, lang, hits: retrieval.hits, history, weight, signals: retrieval, ...(signal ? { signal } : {}) };
      const integrity = (c: Composition) => integrityViolations(c, input.hits, { lang, ...(guard.premise ? { premise: guard.premise.name } : {}) });
      composition = await composeChecked(deps.composer, deps.fallback, input, emit, () => {
        if (streamed) onEvent({ type: "reset" });
        streamed = false;
      }, trail, integrity);
      if (composition.kind === "abstain") {
        // The composer's own reason (its focus, quantity or local-detail check) is a code-made name.
        if (composition.abstainedOn) trail.push({ step: `${composition.generator}.abstained`, detail: composition.abstainedOn, textFree: true });
        composition = { ...composition, body: abstainText(lang), citations: [] };
        emit(composition.body);
      }
    }
  }

  const notices = guard.piiKinds.length > 0 ? [privacyNotice(lang)] : [];
  emit(`\n\n${footer(lang, notices)}`);
  const kind = guard.category !== "in_scope" ? "refusal" : composition.kind;
  const envelope = await seal(
    { id, conversationId, lang, kind, body: composition.body, notices, citations: composition.citations, corpusVersion: deps.corpusVersion,
      generator: composition.generator, model: composition.model, promptVersion: composition.promptVersion, createdAt },
    deps.signer,
  );
  await deps.log.append({
    type: "turn",
    eventId: id,
    createdAt,
    conversationId,
    turnId: id,
    lang,
    answerKind: envelope.kind,
    header: {
      corpusVersion: deps.corpusVersion,
      generator: composition.generator,
      model: composition.model,
      promptVersion: composition.promptVersion,
      latencyMs: Math.round((performance.now() - started) * 100) / 100,
      // The header outlives retention, so it holds no words of the question or answer:
      // verdict details (a matched phrase) and trail details quoting model text go in the body.
      guard: { category: guard.category, piiKinds: guard.piiKinds, verdicts: guard.verdicts.map(({ detail: _detail, ...v }) => v) },
      retrieval: retrieval ? summarise(retrieval.hits, retrieval) : null,
      trail: trail.map((t) => ({ step: t.step, ...(t.kinds ? { kinds: t.kinds } : {}), ...(t.textFree ? { detail: t.detail } : {}) })),
      citations: envelope.citations.map((c) => ({ n: c.n, chunkId: c.chunkId, sourceId: c.sourceId, url: c.url })),
      envelopeHash: sha256Hex(canonicalJson(envelope)),
      keyId: envelope.signature.keyId,
    },
    body: {
      question: guard.redacted,
      retrievalQuery,
      envelope,
      diagnostics: {
        verdicts: guard.verdicts.filter((v) => v.detail !== undefined).map((v) => ({ name: v.name, detail: v.detail })),
        trail: trail.map((t) => ({ step: t.step, detail: t.detail })),
      },
    },
  });
  return envelope;
}

function fixed(promptVersion: string, body: string, kind: "answer" | "abstain" = "answer"): Composition {
  return { kind, body, citations: [], generator: "extractive", model: "none", promptVersion };
}

/** Composes, verifies, and falls back to the extractive composer, then to abstaining. */
async function composeChecked(
  composer: Composer,
  fallback: Composer,
  input: Parameters<Composer["compose"]>[0],
  emit: (t: string) => void,
  reset: () => void,
  trail: TrailStep[],
  integrity: (c: Composition) => Checked[],
): Promise<Composition> {
  let violations: Checked[] = [];
  // Streamed text passes a screen (guard/stream-screen.ts) that stops a planted URL, a
  // recited prompt or a slogan before it is shown; the tail is released once verified.
  const screened = () => new StreamScreen(input.hits.map((h) => h.chunk.text), input.hits.map((h) => h.chunk.url), emit);
  // end() judges the whole text (the screen may not have seen the last deltas yet); if the
  // screen stopped an answer that then passed every check, the answer is shown afresh.
  const release = (screen: StreamScreen, c: Composition) => {
    // Nothing shown yet and the screen holds exactly the verified answer (the extractive
    // composer hands it over whole): whatever end() judged, the voter would see c.body once,
    // forwarded or shown afresh after a reset with nothing to discard (only the screen emits
    // while composing). Judging it again would only repeat the checks it has just passed.
    if (screen.holdsUnshown(c.body)) {
      screen.abandon();
      if (c.body !== "") emit(c.body);
      return;
    }
    screen.end();
    if (screen.violation === null) return;
    reset();
    emit(c.body);
  };
  const first = screened();
  try {
    const c = await composer.compose(input, (d, ahead) => first.push(d, ahead));
    violations = [...verifyComposition(c, input.hits), ...integrity(c)];
    if (violations.length === 0) {
      release(first, c);
      return c;
    }
    first.abandon();
    trail.push({ step: `${composer.name}.rejected`, detail: violations.map((v) => `${v.kind}(${v.detail})`).join("; ").slice(0, 500), kinds: violations.map((v) => v.kind) });
  } catch (err) {
    first.abandon();
    trail.push({ step: `${composer.name}.failed`, detail: err instanceof Error ? err.message.slice(0, 300) : String(err) });
  }
  if (composer === fallback) return abstention(trail, violations);
  reset();
  const screen = screened();
  const c = await fallback.compose(input, (d, ahead) => screen.push(d, ahead));
  const again = [...verifyComposition(c, input.hits), ...integrity(c)];
  if (again.length === 0) {
    release(screen, c);
    return c;
  }
  screen.abandon();
  reset();
  trail.push({ step: `${fallback.name}.rejected`, detail: again.map((v) => v.kind).join(","), kinds: again.map((v) => v.kind) });
  return abstention(trail, again);
}

/** A contract violation (verify.ts) or an integrity violation (guard/output.ts). */
type Checked = Violation | { kind: string; detail: string };

function abstention(trail: TrailStep[], v: Checked[]): Composition {
  trail.push({ step: "abstain", detail: `${v.length} violation(s)`, textFree: true });
  return fixed("abstain-v1", "", "abstain");
}

function summarise(hits: readonly Hit[], r: Retrieval) {
  return {
    knownTermShare: Math.round(r.knownTermShare * 1000) / 1000,
    topCoverage: Math.round(r.topCoverage * 1000) / 1000,
    hits: hits.map((h) => ({
      chunkId: h.chunk.id,
      sourceId: h.chunk.docId,
      score: Math.round(h.score * 1e6) / 1e6,
      bm25: h.bm25,
      vector: { rank: h.vector.rank, score: h.vector.score === null ? null : Math.round(h.vector.score * 1e4) / 1e4 },
    })),
  };
}
