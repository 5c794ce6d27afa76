import { describe, expect, it } from "vitest";
import type { Lang } from "../contract/envelope.js";
import type { Chunk } from "../ingest/chunk.js";
import type { Hit } from "../retrieve/retrieve.js";
import { asksAboutAbsence, mentionsAbsenceOf } from "./absence.js";
import { composeExtractive } from "./extractive.js";
import { verifyComposition } from "./verify.js";
import { terms } from "../text/analyze.js";

const chunk = (id: string, heading: string, text: string, lang: Lang = "en"): Chunk => ({
  id, docId: id.split(":")[0]!, slug: "x", lang, title: "Guide", heading, url: "https://www.electionsquebec.qc.ca/guide/", scope: "provincial", text,
});
const hit = (c: Chunk): Hit => ({ chunk: c, score: 1, bm25: { rank: 1, score: 1 }, vector: { rank: 1, score: 1 } });
const compose = (question: string, hits: Hit[], lang: Lang = "en", history: string[] = []) => composeExtractive({ question, lang, hits, history });

describe("absence versus negated predicates", () => {
  const topic = new Set(terms("library card", "en"));
  it("reads 'without X' and 'no X' about the asked-about thing as absence", () => {
    expect(mentionsAbsenceOf("Without a library card you can still read on site.", "en", topic)).toBe(true);
    expect(mentionsAbsenceOf("Readers with no card may ask at the desk.", "en", topic)).toBe(true);
    expect(mentionsAbsenceOf("Sans carte de bibliothèque, on peut lire sur place.", "fr", new Set(terms("carte", "fr")))).toBe(true);
    expect(mentionsAbsenceOf("Il n'y a pas de carte à payer.", "fr", new Set(terms("carte", "fr")))).toBe(true);
  });

  it("does not read a negated verb, or the absence of something else, as absence of the topic", () => {
    expect(mentionsAbsenceOf("A child cannot borrow a library card.", "en", topic)).toBe(false);
    expect(mentionsAbsenceOf("The librarian has no power to waive the rule for a card.", "en", topic)).toBe(false);
    expect(mentionsAbsenceOf("Un enfant ne peut pas avoir de carte.", "fr", new Set(terms("carte", "fr")))).toBe(false);
  });

  it("recognises a question about lacking something", () => {
    expect(asksAboutAbsence("I don't have my card, can I borrow?")).toBe(true);
    expect(asksAboutAbsence("J'ai pas reçu ma carte, est-ce grave?")).toBe(true);
    expect(asksAboutAbsence("What if I lost my card?")).toBe(true);
    expect(asksAboutAbsence("Can a child borrow books?")).toBe(false);
    expect(asksAboutAbsence("Un enfant peut-il emprunter?")).toBe(false);
  });
});

describe("extractive composition", () => {
  it("abstains on one place's own detail when the sources never name that place", () => {
    const hits = [hit(chunk("lib-en:2", "How do I reach a library?", "Each library has its own phone number, listed on the city's website."))];
    const signals = { unknownTerms: terms("Magog", "en"), neutralTerms: terms("Magog", "en"), corrections: {} };
    const q = "What is the phone number of the library in Magog?";
    expect(composeExtractive({ question: q, lang: "en", hits, history: [], signals }).kind).toBe("abstain");
    const named = [hit(chunk("lib-en:3", "Magog library", "The Magog library's phone number is listed on the city's website."))];
    expect(composeExtractive({ question: q, lang: "en", hits: named, history: [], signals }).kind).toBe("answer");
  });

  it("abstains when the sentences share the question's verb but not what it asks about", () => {
    const hits = [hit(chunk("lib-en:4", "What should I bring?", "Bring your library card to borrow books; a photo ID also works."))];
    const signals = { unknownTerms: terms("parrot", "en"), neutralTerms: [], corrections: {} };
    expect(composeExtractive({ question: "Can I bring my parrot to the library?", lang: "en", hits, history: [], signals }).kind).toBe("abstain");
    expect(composeExtractive({ question: "Can I bring my library card?", lang: "en", hits, history: [], signals: { ...signals, unknownTerms: [] } }).kind).toBe("answer");
  });

  it("abstains on a building named as the place, and on the room or school of an address, unless the sentences name it", () => {
    const hits = [hit(chunk("lib-en:5", "Are reading rooms accessible?", "Most reading rooms are accessible; the city lists the ones that are not."))];
    const signals = { unknownTerms: [], neutralTerms: [], corrections: {} };
    const ask = (question: string) => composeExtractive({ question, lang: "en", hits, history: [], signals }).kind;
    expect(ask("Is the reading room at the Rosemont arena accessible?")).toBe("abstain");
    expect(ask("I live at [ADDRESS], which room do I read in?")).toBe("abstain");
    expect(ask("Are reading rooms accessible?")).toBe("answer");
    // Mentioning where one reads is not asking about that building.
    expect(ask("I read at the Rosemont arena, are reading rooms accessible to everyone there or not at all?")).toBe("abstain");

  });

  it("reads lower-case words without a vowel as chat-speak, not as what is asked", () => {
    const hits = [hit(chunk("lib-fr:0", "Qui peut emprunter?", "Toute personne de 14 ans ou plus peut emprunter des livres.", "fr"))];
    // "emprunter" is everywhere in this library's sources (generic), so the only specific word
    // of each question is the unseen one. (Not "à quel âge…": the lexicon maps an age question
    // to the "N ans" of an answer, which would cover it whatever else is asked.)
    const weight = (t: string) => (t === "emprunt" ? 0.2 : 1);
    const ask = (question: string, unseen: string) => composeExtractive({ question, lang: "fr", hits, history: [], weight, signals: { unknownTerms: terms(unseen, "fr"), neutralTerms: [], corrections: {} } }).kind;
    expect(ask("bjr, on peut emprunter?", "bjr")).toBe("answer");
    expect(ask("on peut emprunter un kayak?", "kayak")).toBe("abstain");
  });

  it("abstains when a question asks how much or how many and no chosen sentence states a quantity", () => {
    const hits = [hit(chunk("lib-en:0", "Who runs the library?", "The city council runs the library and appoints its librarian."))];
    expect(compose("How much does it cost to run the library?", hits).kind).toBe("abstain");
    const priced = [hit(chunk("lib-en:1", "What does a card cost?", "A library card costs five dollars a year."))];
    expect(compose("How much does a library card cost?", priced).kind).toBe("answer");
  });

  it("keeps a negative answer: 'may not' answers 'can …?'", () => {
    const rule = chunk("lib-en:0", "Borrowing", "Rare books can be borrowed by adult readers for two weeks.");
    const child = chunk("lib-en:1", "Borrowing", "A child under 16 may not borrow rare books.");
    const c = compose("Can a child borrow rare books?", [hit(rule), hit(child)]);
    expect(c.citations[0]!.quote).toBe("A child under 16 may not borrow rare books.");
  });

  it("prefers a sentence about absence only when the question is about absence", () => {
    const show = chunk("lib-en:2", "Reading room", "Readers show a library card to read in the reading room.");
    const without = chunk("lib-en:3", "Reading room", "Without a library card, you can still read in the reading room.");
    expect(compose("Which library card do I show to read in the reading room?", [hit(without), hit(show)]).citations[0]!.quote).toBe(show.text);
    expect(compose("I don't have a library card, can I read in the reading room?", [hit(show), hit(without)]).citations[0]!.quote).toBe(without.text);
  });

  it("answers from the section whose heading asks the question, starting with its first sentence", () => {
    const faq = chunk("lib-en:4", "Can the library open on a public holiday?", "The head librarian has no power to change the calendar. The schedule is set by the city council. Readers who cannot come on a public holiday can return books in the drop box.");
    const other = chunk("lib-en:5", "When is the drop box emptied?", "The drop box is emptied every morning, including after a public holiday.");
    const c = compose("The library is closed on my holiday. Can they open it on a public holiday?", [hit(faq), hit(other)]);
    expect(c.body.startsWith("The head librarian has no power to change the calendar.")).toBe(true);
    expect(verifyComposition(c, [hit(faq), hit(other)])).toEqual([]);
  });

  it("completes an answer with the sentence that follows its best sentence when it is still on the question", () => {
    const c = chunk("lib-en:8", "Loans", "Loans are renewed at the desk, by phone at the reference desk, or at any self-service kiosk in the main branch and in the neighbourhood branches of the network. A renewal is possible twice, for three weeks each time, unless another reader has reserved the book. The desk also sells bags.");
    const body = compose("how do I renew a loan", [hit(c)]).body;
    expect(body).toContain("possible twice");
    expect(body).not.toContain("bags");
  });

  it("rewards the question's words in the same order over the same words apart", () => {
    const apart = chunk("lib-en:6", "Services", "Reading is possible in every branch, and so is home delivery.");
    const together = chunk("lib-en:7", "Services", "Reading at home is possible with the e-book service.");
    const r = compose("Is reading at home possible?", [hit(apart), hit(together)]);
    expect(r.citations[0]!.quote).toBe("Reading at home is possible with the e-book service.");
  });

  it("prefers the section that asks the same kind of question (who? / how?)", () => {
    const how = chunk("mus-en:1", "How is the director of the museum appointed?", "The museum director is appointed by the city council for five years.");
    const who = chunk("mus-en:2", "Who runs the museum?", "The museum is run by its director, currently Ana Duval.");
    const c = compose("who is the museum director at the moment?", [hit(who), hit(how)]);
    expect(c.citations[0]!.quote).toBe(who.text);
  });

  it("reads on in the section when the best sentence alone is a short answer", () => {
    const c = chunk("mus-en:3", "Entry", "Yes, entry without a ticket is possible. Visitors sign the register at the door and show where they live. The register is kept for a year. Groups book ahead.");
    const body = compose("can I visit without a ticket", [hit(c)]).body;
    expect(body).toContain("Groups book ahead");
  });

  it("lets a section's first sentence inherit its heading's words: it answers the heading's question", () => {
    const duty = chunk("lib-en:10", "Must the employer allow time off for reading week?", "Each worker gets two paid afternoons during reading week.");
    const other = chunk("lib-en:11", "Can the employer require reading at home?", "An employer cannot require an employee to read at home during reading week.");
    const c = compose("Is the employer required to allow time off for reading week?", [hit(duty), hit(other)]);
    expect(c.citations[0]!.quote).toBe(duty.text);
  });

  it("prefers the heading with the voter's words in the voter's order ('reading at home', not 'home for reading')", () => {
    const definition = chunk("lib-en:12", "What is a home for reading club members?", "Your home address is the one you gave when you joined the reading club.");
    const service = chunk("lib-en:13", "Who can use reading at home?", "Members who cannot travel can have books brought to their home for reading.");
    const c = compose("how does reading at home work?", [hit(definition), hit(service)]);
    expect(c.citations[0]!.quote).toBe(service.text);
  });

  it("answers a how-question from a section headed as a statement rather than from a yes/no section", () => {
    const help = chunk("lib-en:14", "Can someone help me fill in the loan form?", "Yes: a librarian can help any reader fill in the loan form.");
    const how = chunk("lib-en:15", "Filling in the loan form", "Fill in the loan form with the title and your card number, then sign it.");
    const c = compose("how do I fill in the loan form?", [hit(help), hit(how)]);
    expect(c.citations[0]!.quote).toBe(how.text);
  });
});

describe("abstaining when the chosen sentences miss the question's focus", () => {
  const rules = chunk("lib-en:0", "Who can come to the reading room?", "Any adult reader may bring a child or a helper into the reading room.");
  // What the retriever would report for a question whose key word the corpus never uses.
  const signals = (unknownTerms: string[]) => ({ unknownTerms, neutralTerms: [], corrections: {} });
  const weight = (t: string) => ({ read: 1, room: 1.5, bring: 4, child: 4, helper: 5 })[t] ?? 6;

  it("abstains on 'can I feed my parrot in the reading room?' rather than answering about who may come in", () => {
    const c = composeExtractive({ question: "Can I feed my parrot in the reading room?", lang: "en", hits: [hit(rules)], history: [], weight, signals: signals(["feed", "parrot"]) });
    expect(c.kind).toBe("abstain");
    expect(c.citations).toEqual([]);
  });

  it("answers when the question's specific word is in the chosen sentence", () => {
    const c = composeExtractive({ question: "Can I bring a helper into the reading room?", lang: "en", hits: [hit(rules)], history: [], weight, signals: signals([]) });
    expect(c.kind).toBe("answer");
  });

  it("answers a question whose unknown word is only who it is about ('my grandpa')", () => {
    const c = composeExtractive({ question: "Can my grandpa bring a helper into the reading room?", lang: "en", hits: [hit(rules)], history: [], weight, signals: signals(["grandpa"]) });
    expect(c.kind).toBe("answer");
  });

  it("judges a follow-up by its own words, not the earlier question's", () => {
    const c = composeExtractive({ question: "And is there free parking there?", lang: "en", hits: [hit(rules)], history: ["Can I bring a helper into the reading room?"], weight, signals: signals(["park"]) });
    expect(c.kind).toBe("abstain");
  });
});
