import { describe, expect, it } from "vitest";
import { askedQuantity, asksFacility, asksLocalDetail, asksQuantity, givesAddress, namedVenue, statesAskedQuantity, statesQuantity } from "./answer-type.js";

describe("a question that asks for a quantity", () => {
  it.each(["Combien coûte un bulletin?", "How many ballots are printed?", "how much does it cost to print ballots", "Quel est le budget d'Élections Québec?", "What is the average turnout?"])(
    "%s asks for one",
    (q) => expect(asksQuantity(q)).toBe(true),
  );
  it.each(["Comment voter par la poste?", "Who can vote?", "Can I bring someone to help me?"])("%s does not", (q) => expect(asksQuantity(q)).toBe(false));
});

describe("an answer that states a quantity", () => {
  it.each(["Polls are open from 9:30 to 20:00.", "Il faut présenter une des cinq pièces.", "at least two thirds of the members"])("%s states one", (t) => expect(statesQuantity(t)).toBe(true));
  it("a sentence without figures or number words does not", () => expect(statesQuantity("Élections Québec organise les élections générales.")).toBe(false));
});

describe("a question that asks for one place's own detail", () => {
  it.each(["What is the phone number of the library in Magog?", "Quel est le nom du bibliothécaire de Rimouski?", "À quelle heure ouvre la bibliothèque de Laval le samedi?", "Who won in Outremont?"])(
    "%s does",
    (q) => expect(asksLocalDetail(q)).toBe(true),
  );
  it.each(["How do I vote by mail?", "Mon numéro est [PHONE], comment voter?", "Where can I register?"])("%s does not", (q) => expect(asksLocalDetail(q)).toBe(false));
});

describe("a question about the building or the room at one address", () => {
  // What the voter's address maps to (their school, their room) is on their notice of
  // registration; general sources cannot hold it. "Where is my polling station?" stays a
  // general question (how to find it).
  it.each(["I'm at [ADDRESS], which school do I go to?", "For [ADDRESS], where exactly is the poll? I need the room number", "J'habite au [ADDRESS], quelle école exactement?", "Pour le [ADDRESS], c'est quoi le numéro de local?", "C'est où exactement pour le [ADDRESS]?"])(
    "%s asks one address's detail",
    (q) => expect(asksLocalDetail(q) && givesAddress(q)).toBe(true),
  );
  it.each(["[NAME], [ADDRESS]: where is my polling station?", "J'habite au [ADDRESS], comment m'inscrire?", "Which room do they count the votes in?"])("%s does not", (q) => expect(asksLocalDetail(q) && givesAddress(q)).toBe(false));
});

describe("a building named as a polling place", () => {
  it.each([
    ["Does the Rosemont arena polling station have a ramp?", "Rosemont"],
    ["Is the Pointe-Claire community center heated?", "Pointe-Claire"],
    ["Y a-t-il une rampe à l'école Sainte-Bernadette?", "Sainte-Bernadette"],
    ["Le bureau de vote du centre communautaire Marie-Victorin est-il accessible?", "Marie-Victorin"],
    ["Au sous-sol de l'église Saint-Pierre, y a-t-il un ascenseur?", "Saint-Pierre"],
  ])("%s names %s", (q, name) => expect(namedVenue(q)).toBe(name));
  it.each([
    "Can I vote in the English school board election?",
    "Mon bureau de vote est dans une école, est-ce accessible?",
    "Is my polling station in a community centre accessible?",
    "Je vote au cégep de Sherbrooke, c'est permis?",
    "My mother is at the CHSLD Saint-Joseph, can she vote there?",
  ])("%s names none", (q) => expect(namedVenue(q)).toBeNull());
});

describe("a question about a building's facilities", () => {
  it.each(["Does the Rosemont arena have a ramp?", "Y a-t-il des toilettes à l'école Sainte-Bernadette?", "Is the Pointe-Claire community center heated?", "Le centre communautaire Marie-Victorin est-il climatisé?"])(
    "%s asks one",
    (q) => expect(asksFacility(q)).toBe(true),
  );
  it.each(["I vote at the Rosemont arena, do I need my health card?", "Mon bureau de vote est à l'école Saint-Luc, dois-je apporter mon avis?"])("%s does not", (q) => expect(asksFacility(q)).toBe(false));
});

describe("the type of quantity a question asks for", () => {
  // A figure of another type answers another question: a date is not a cost, a time of day is
  // not a wage, a count of electors is not a count of votes. None of these is in an eval set.
  it.each([
    ["Combien ça coûte imprimer les bulletins pour une élection?", "money"],
    ["Un préposé à l'information, c'est payé combien?", "money"],
    ["Combien on gagne de l'heure comme secrétaire du bureau de vote?", "money"],
    ["How much does a deputy returning officer make?", "money"],
    ["What was the cost of the last by-election?", "money"],
    ["how much are election workers paid per hour", "money"],
    ["Combien de candidats se sont présentés dans Jean-Talon?", "count"],
    ["How many ballots were rejected in Laval-des-Rapides?", "count"],
    ["What is the number of polling stations in a riding?", "count"],
    ["What is the phone number of the returning officer?", null],
    ["Give me the number of the office in Laval", null],
    ["À quelle heure commence le dépouillement?", "time"],
    ["What time do the polls close?", "time"],
    ["Combien de temps dure le vote par anticipation?", "any"],
    ["How many times can I vote?", "any"],
  ])("%s asks for %s", (q, type) => expect(askedQuantity(q)?.type ?? null).toBe(type));
  it.each(["Est-ce que je dois payer pour voter?", "Who pays the returning officers?", "Comment voter par la poste?"])("%s asks for none", (q) => expect(askedQuantity(q)).toBeNull());
  it("keeps the counted noun", () => expect(askedQuantity("combien de votes a eu le gagnant?")).toEqual({ type: "count", noun: "votes" }));
  it("keeps what a measure word counts", () => expect(askedQuantity("How many kinds of ID can I show?")).toEqual({ type: "count", noun: "kinds of id" }));
});

describe("an answer that states the asked type of quantity", () => {
  const money = { type: "money" } as const;
  it.each(["Le plafond est de 100 $ par année.", "Contributions are limited to $100 a year.", "Registering is free.", "Le remboursement couvre 50 % des dépenses."])("%s states money", (t) =>
    expect(statesAskedQuantity(money, t)).toBe(true),
  );
  it.each(["Pour l'élection générale du 3 octobre 2022, la date limite était le 29 septembre.", "Polls are open from 9:30 a.m. to 8 p.m.", "They hire more than 60,000 people."])("%s does not", (t) =>
    expect(statesAskedQuantity(money, t)).toBe(false),
  );
  it.each([["Polls close at 8 p.m."], ["Le dépouillement commence à 20 h."]])("%s states a time of day", (t) => expect(statesAskedQuantity({ type: "time" }, t)).toBe(true));
  it("a date is not a time of day", () => expect(statesAskedQuantity({ type: "time" }, "Le scrutin a lieu le 5 octobre 2026.")).toBe(false));
  const votes = { type: "count", noun: "votes" } as const;
  it.each(["The winner received 12,345 votes.", "Le gagnant a obtenu 8 212 votes valides."])("%s counts votes", (t) => expect(statesAskedQuantity(votes, t, ["votes"])).toBe(true));
  it.each(["About 45,700 electors were registered.", "5,343 people (11.67% of electors) voted at the advance poll.", "Dans les 125 circonscriptions, le vote a lieu le même jour."])("%s does not", (t) =>
    expect(statesAskedQuantity(votes, t, ["votes", "vote", "voted", "votent"])).toBe(false),
  );
  // Known limit: a verb right after another counted noun ("125 divisions vote…") reads as the noun.
  it("a gloss in parentheses names the counted noun", () => expect(statesAskedQuantity({ type: "count", noun: "ridings" }, "Québec has 125 electoral divisions (ridings).", ["ridings"])).toBe(true));
});

describe("a question that asks who holds an office or when it opens", () => {
  // The holder of one riding's office and that office's hours are the office's own detail;
  // with a place the corpus never names they join the local-detail check (the composer also
  // requires the place to be unknown to the corpus and absent from the answer).
  it.each([
    "Who is the returning officer in Beauce-Sud?",
    "who's the deputy returning officer for my poll in Granby",
    "What are the hours of the returning officer's office in Drummondville?",
    "C'est qui la directrice du scrutin à Saint-Hyacinthe?",
    "Qui est le directeur du scrutin de Terrebonne?",
    "Le bureau de Joliette, il ferme à quelle heure le dimanche?",
    "Quels sont les horaires du bureau du directeur du scrutin de Lévis?",
  ])("%s asks one", (q) => expect(asksLocalDetail(q)).toBe(true));
  it.each(["Who can be a returning officer?", "Qui nomme le directeur du scrutin?", "What does the returning officer do?", "Le directeur du scrutin, il fait quoi?"])("%s does not", (q) =>
    expect(asksLocalDetail(q)).toBe(false),
  );
});
