import { describe, expect, it } from "vitest";
import { asksFacility, asksLocalDetail, asksQuantity, givesAddress, namedVenue, statesQuantity } from "./answer-type.js";

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
