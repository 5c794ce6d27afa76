import type { Lang } from "../contract/envelope.js";
import { TOPICS, type CorpusDocument, type Topic } from "./document.js";

/**
 * The topics voters ask about, as listed in shared/CONTEXT.md ("Official sources to
 * research"), each mapped to the corpus topic(s) that answer it. Every topic named here
 * must have a document in both languages; `contact` and `institution` are useful but not
 * on that list, so they are reported without being required.
 */
export const CONTEXT_TOPICS: Record<Topic, string | null> = {
  eligibility: "who can vote",
  registration: "checking and changing one's registration, and the deadlines",
  identification: "identity documents accepted at the polls, and what to do without one",
  "advance-voting": "advance polls",
  "polling-day": "polling day hours and where to vote",
  "special-voting": "voting at the returning officer's office, at home, in residences and hospitals, on campus",
  "outside-quebec": "voting from outside Québec by mail",
  "time-off-work": "time off work to vote",
  accessibility: "accessibility and assistance",
  ballot: "how to mark the ballot",
  "election-dates": "election dates (fixed-date general elections)",
  "by-elections": "by-elections",
  divisions: "electoral divisions",
  candidates: "candidates",
  results: "results",
  financing: "political contributions by electors",
  disinformation: "verifying electoral information and reporting disinformation",
  municipal: "municipal elections (other rules, kept separate)",
  school: "school board elections (other rules, kept separate)",
  contact: null,
  institution: null,
};

export const REQUIRED_TOPICS: readonly Topic[] = TOPICS.filter((t) => CONTEXT_TOPICS[t] !== null);

export interface CoverageRow {
  topic: Topic;
  context: string | null;
  fr: number;
  en: number;
}

/** How many documents of each language cover each topic, in TOPICS order. */
export function coverage(docs: readonly Pick<CorpusDocument, "lang" | "topics">[]): CoverageRow[] {
  return TOPICS.map((topic) => {
    const count = (lang: Lang) => docs.filter((d) => d.lang === lang && d.topics.includes(topic)).length;
    return { topic, context: CONTEXT_TOPICS[topic], fr: count("fr"), en: count("en") };
  });
}

/** The coverage table as Markdown (it is pasted into the README as is). */
export function coverageTable(rows: readonly CoverageRow[]): string {
  const cell = (n: number, required: boolean) => (n === 0 && required ? "**0** ✗" : String(n));
  const lines = [
    "| topic | CONTEXT.md topic | fr | en |",
    "| --- | --- | ---: | ---: |",
    ...rows.map((r) => `| \`${r.topic}\` | ${r.context ?? "_(not required)_"} | ${cell(r.fr, r.context !== null)} | ${cell(r.en, r.context !== null)} |`),
  ];
  return lines.join("\n");
}
