import { describe, expect, it } from "vitest";
import type { Chunk } from "./chunk.js";
import { indexFingerprint } from "./index-key.js";
import { terms } from "../text/analyze.js";

const chunk = (id: string, lang: "fr" | "en", text: string): Chunk =>
  ({ id, docId: id.split(":")[0]!, slug: "s", lang, title: "T", heading: "", url: "https://www.electionsquebec.qc.ca/x", scope: "provincial", text });
const chunks = [chunk("a:0", "en", "Polling stations are open from 9:30 a.m."), chunk("b:0", "fr", "Les bureaux de vote sont ouverts.")];

describe("index fingerprint (the on-disk index cache key besides corpus version and embedder)", () => {
  it("is stable for the same chunks and analyser", () => {
    expect(indexFingerprint(chunks)).toBe(indexFingerprint([...chunks]));
  });
  it("changes when the chunker cuts the same corpus differently", () => {
    const recut = [chunk("a:0", "en", "Polling stations are open"), chunk("a:1", "en", "from 9:30 a.m."), chunks[1]!];
    expect(indexFingerprint(recut)).not.toBe(indexFingerprint(chunks));
  });
  it("changes when the analyser turns one of the corpus's words into a different term", () => {
    const stemsOpenDifferently = (w: string, lang: "fr" | "en") => (w === "open" ? ["opened"] : terms(w, lang));
    expect(indexFingerprint(chunks, stemsOpenDifferently)).not.toBe(indexFingerprint(chunks));
  });
  it("ignores an analyser change on words the corpus does not hold", () => {
    const differsElsewhere = (w: string, lang: "fr" | "en") => (w === "parking" ? ["park"] : terms(w, lang));
    expect(indexFingerprint(chunks, differsElsewhere)).toBe(indexFingerprint(chunks));
  });
});
