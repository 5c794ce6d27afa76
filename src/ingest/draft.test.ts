import { describe, expect, it } from "vitest";
import { buildDraft, slugFor } from "./draft.js";
import { parseDocument } from "./load.js";
import { tidyMarkdown } from "./tidy-markdown.js";

describe("draft slugs", () => {
  it.each([
    ["https://www.electionsquebec.qc.ca/en/vote/where-and-when-to-vote/", "Where and when to vote?", "where-and-when-to-vote"],
    ["https://www.electionsquebec.qc.ca/francais/provincial/vote/voter-sans-piece.php", "x", "voter-sans-piece"],
    ["https://www.electionsquebec.qc.ca/?p=2597", "Voter sans pièce d’identité", "voter-sans-piece-d-identite"],
    ["https://www.electionsquebec.qc.ca/documents/pdf/DGE-6350.pdf", "Guide", "dge-6350"],
  ])("%s with title %s → %s", (url, title, slug) => {
    expect(slugFor(url, title)).toBe(slug);
  });
});

describe("tidying converted Markdown", () => {
  it("drops the title heading, lifts the shallowest heading to ##, caps depth at ###, and tightens list markers", () => {
    const md = "# Voter\n\nIntro.\n\n### Section\n\n-   un\n-   deux\n\n#### Sous-section\n\n1.  premier\n\n###### Profond\n\n\n\nFin.";
    expect(tidyMarkdown(md, "Voter")).toBe("Intro.\n\n## Section\n\n- un\n- deux\n\n### Sous-section\n\n1. premier\n\n### Profond\n\nFin.");
  });
});

describe("draft documents", () => {
  const src = { title: "Où et quand voter?", markdown: "Texte d'introduction de la page officielle.\n\n## Le jour de l'élection\n\nLes bureaux de vote sont ouverts.", declaredLang: undefined };

  it("detects the language, leaves verified_at and topics to the reviewer, and cannot be loaded until reviewed", () => {
    const d = buildDraft(src, { sourceUrl: "https://www.electionsquebec.qc.ca/?p=1", origin: "page.html", today: "2026-11-23", slug: "where-to-vote" });
    expect(d).toMatchObject({ lang: "fr", slug: "where-to-vote", relPath: "fr/where-to-vote.md" });
    expect(d.text).toContain("verified_at:            # the day you checked every fact");
    expect(d.text).toContain("source_date:            # not found in the source");
    expect(() => parseDocument("corpus/fr/where-to-vote.md", d.text)).toThrow(/draft: this is an unreviewed draft/);
  });

  it("says which fields the reviewer has still to fill once the draft block is gone", () => {
    const d = buildDraft(src, { sourceUrl: "https://www.electionsquebec.qc.ca/?p=1", origin: "page.html", today: "2026-11-23", slug: "where-to-vote" });
    const text = d.text.replace(/^draft:\n(?: {2}.*\n)+/m, "").replace(/^source_date:.*$/m, "source_date: 2026-02-23");
    expect(() => parseDocument("corpus/fr/where-to-vote.md", text)).toThrow("corpus/fr/where-to-vote.md: verified_at: must be a date YYYY-MM-DD");
    expect(() => parseDocument("corpus/fr/where-to-vote.md", text.replace(/^verified_at:.*$/m, "verified_at: 2026-11-23"))).toThrow("corpus/fr/where-to-vote.md: topics: must name at least one topic");
  });

  it("loads once a reviewer fills it in and removes the draft block", () => {
    const d = buildDraft({ ...src, sourceDate: "2026-02-23" }, { sourceUrl: "https://www.electionsquebec.qc.ca/?p=1", origin: "page.html", today: "2026-11-23", slug: "where-to-vote" });
    const reviewed = d.text
      .replace(/^draft:\n(?: {2}.*\n)+/m, "")
      .replace(/^verified_at:.*$/m, "verified_at: 2026-11-23")
      .replace(/^topics:.*$/m, "topics: [polling-day]");
    expect(parseDocument("corpus/fr/where-to-vote.md", reviewed)).toMatchObject({ id: "where-to-vote-fr", translation: "where-to-vote-en", scope: "provincial", topics: ["polling-day"], source_date: "2026-02-23" });
  });

  it("guesses a municipal scope from the source", () => {
    const d = buildDraft(src, { sourceUrl: "https://www.electionsquebec.qc.ca/municipales/voter/", origin: "x", today: "2026-11-23" });
    expect(d.text).toMatch(/^scope: municipal/m);
  });
});
