import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Lang } from "../contract/envelope.js";
import { redactPii } from "../guard/pii.js";
import { chunkDocuments, searchableText } from "../ingest/chunk.js";
import { HashingEmbeddings } from "../ingest/embed.js";
import { loadCorpus } from "../ingest/load.js";
import { Bm25Index } from "../retrieve/bm25.js";
import { expand } from "../retrieve/expand.js";
import { HnswVectorIndex } from "../retrieve/hnsw-index.js";
import { HybridRetriever } from "../retrieve/retrieve.js";
import { isDictionaryWord } from "../text/dictionary.js";
import { assessAnswerability } from "./answerable.js";

/**
 * The gate on the official corpus, with phrasings written for these tests (none is in an
 * eval set): what situates a question — who asks, their age, where they will be, the data
 * they gave, the grammar of "est-ce que je vais pouvoir" — must not count against it, and
 * a figure or a word that is the question's topic still must.
 */
const docs = await loadCorpus(path.resolve(import.meta.dirname, "../../corpus"));
const chunks = await chunkDocuments(docs);
const emb = new HashingEmbeddings();
const hnsw = await HnswVectorIndex.build(chunks, await emb.embedDocuments(chunks.map(searchableText)), emb);
const bm25 = { fr: Bm25Index.build("fr", chunks), en: Bm25Index.build("en", chunks) };
const retriever = new HybridRetriever(chunks, bm25, hnsw, emb, { candidates: 20, weights: [1, 1], isWord: isDictionaryWord });

/** As the pipeline does: redact, retrieve, then gate. */
async function gate(question: string, lang: Lang) {
  const r = await retriever.retrieve(redactPii(question).text, lang, 6);
  return { ...assessAnswerability(r), r };
}

describe("the answerability gate on the official corpus", () => {
  it.each([
    ["Mon grand-père a 94 ans et il est en fauteuil roulant, comment peut-il voter?", "fr"],
    ["J'ai 71 ans et je ne peux plus me déplacer, est-ce que je peux voter chez moi?", "fr"],
    ["Ma voisine a 97 ans et ne sort plus, peut-elle voter à la maison?", "fr"],
    ["My dad is 87 and can't leave the house, how can he vote?", "en"],
    ["My 83-year-old neighbour needs help marking her ballot, who can help?", "en"],
    ["My aunt is 101 and lives in a seniors' residence, where will she vote?", "en"],
  ] as const)("does not take a person's age for a figure the sources lack: %s", async (q, lang) => {
    const g = await gate(q, lang);
    expect(g.reason).toBe("ok");
  });

  it.each([
    ["Qui a gagné en 1994 dans Taschereau?", "fr"],
    ["Quel est le salaire des scrutateurs en 2031?", "fr"],
    ["Is the 2031 election going to be in October?", "en"],
    ["What was the turnout in 1976?", "en"],
  ] as const)("still abstains on a year the sources do not have: %s", async (q, lang) => {
    expect((await gate(q, lang)).reason).toMatch(/figures absent/);
  });

  it.each([
    ["Mon NAS c'est 123 456 789, je dois l'apporter au bureau de vote?", "fr"],
    ["Je reste au H2X 1Y4, comment trouver mon bureau de vote?", "fr"],
    ["Voici mon courriel jean.tremblay@exemple.com, puis-je m'inscrire en ligne?", "fr"],
    ["Here is my number 123 456 789, do I have to show it when I vote?", "en"],
    ["I live at H2X 1Y4, how do I find my polling station?", "en"],
    ["Reach me at 514 555 0199, can I vote at home?", "en"],
  ] as const)("does not count what a redaction placeholder stands for: %s", async (q, lang) => {
    const g = await gate(q, lang);
    expect(g.reason).toBe("ok");
    // The same share as if the voter had left the detail out.
    const without = await retriever.retrieve(redactPii(q).text.replace(/\[[A-Z_]+\]/g, " "), lang, 6);
    expect(g.r.knownTermShare).toBe(without.knownTermShare);
  });

  it.each([
    ["Je serai en Belgique pour mon stage pendant le vote, qu'est-ce que je fais?", "fr"],
    ["On part au portugal tout le mois d'octobre, comment on vote?", "fr"],
    ["je suis en vacances a cuba pendant les elections, je vote comment?", "fr"],
    ["I'll be in Portugal during the election, how can I vote?", "en"],
    ["We're travelling to japan in October, can we still vote?", "en"],
    ["I'm on a contract in Germany for a year, can I vote by mail?", "en"],
  ] as const)("looks a stay abroad up under the outside-Québec rules, and answers: %s", async (q, lang) => {
    expect(expand(q, lang).added.join(" ")).toMatch(/hors du Québec|outside Québec/);
    expect((await gate(q, lang)).reason).toBe("ok");
  });

  it.each([
    ["Je suis né au Maroc, est-ce que je peux voter?", "fr"],
    ["I was born in Haiti, can I vote in Québec?", "en"],
  ] as const)("does not send a birthplace to the outside-Québec rules: %s", (q, lang) => {
    expect(expand(q, lang).added.join(" ")).not.toMatch(/hors du Québec|outside Québec/);
  });

  it.each([
    ["Est-ce que je vais pouvoir voter si je déménage la semaine prochaine?", "fr"],
    ["Ma blonde pis moi on déménage à Gatineau, faut-tu qu'on fasse de quoi pour voter?", "fr"],
    ["Faudrait-tu que mon père fasse une demande pour voter au CHSLD?", "fr"],
  ] as const)("counts neither the auxiliary verbs nor the people a voter speaks of: %s", async (q, lang) => {
    const g = await gate(q, lang);
    expect(g.reason).toBe("ok");
    expect(g.r.unknownTerms.filter((t) => !g.r.neutralTerms.includes(t))).toEqual([]);
  });

  it("does not count 'là-bas', which points at a place named before", async () => {
    expect((await gate("Mon chum étudie à Rimouski, il vote là-bas ou ici?", "fr")).reason).toBe("ok");
  });

  it.each([
    ["Est-ce que je dois enlever ma burqa au bureau de vote?", "fr"],
    ["Peut-on voter avec le visage couvert?", "fr"],
    ["Do I have to remove my burka to vote?", "en"],
    ["Can I vote with a face covering?", "en"],
  ] as const)("maps a face veil to the rule that the face be uncovered: %s", async (q, lang) => {
    expect(expand(q, lang).added.join(" ")).toMatch(/visage découvert|face uncovered/);
    const g = await gate(q, lang);
    expect(g.reason).toBe("ok");
    expect(g.r.hits[0]!.chunk.docId).toMatch(/^identification/);
  });

  it.each([
    ["Est-ce que je dois enlever mon hijab pour voter?", "fr"],
    ["Can I wear my hijab when I vote?", "en"],
  ] as const)("does not map a hijab, which leaves the face uncovered: %s", (q, lang) => {
    expect(expand(q, lang).added.join(" ")).not.toMatch(/visage|face/);
  });

  it.each([
    ["Mon frère a un mandat de protection depuis son AVC, peut-il encore voter?", "fr"],
    ["Ma mère a fait homologuer son mandat de protection, garde-t-elle son droit de vote?", "fr"],
    ["My mother's protection mandate was homologated last year; can she still vote?", "en"],
    ["Does a protection mandate take away my uncle's right to vote?", "en"],
  ] as const)("maps a protection mandate to the tutorship rule: %s", async (q, lang) => {
    expect(expand(q, lang).added.join(" ")).toMatch(/tutelle|tutorship/);
    const g = await gate(q, lang);
    expect(g.reason).toBe("ok");
    expect(g.r.hits.slice(0, 3).some((h) => h.chunk.docId.startsWith("who-can-vote"))).toBe(true);
  });

  it.each([
    ["Bjr, à quel âge on a le droit de voter?", "fr"],
    ["Suis-je assez vieux pour voter aux élections provinciales?", "fr"],
    ["quel age faut avoir pour voter", "fr"],
    ["How old must I be to vote in a provincial election?", "en"],
    ["Am I old enough to vote?", "en"],
    ["what age can you start voting", "en"],
  ] as const)("looks the age question up under the age condition: %s", async (q, lang) => {
    const g = await gate(q, lang);
    expect(g.reason).toBe("ok");
    expect(g.r.hits.slice(0, 2).some((h) => h.chunk.docId.startsWith("who-can-vote"))).toBe(true);
  });
});
