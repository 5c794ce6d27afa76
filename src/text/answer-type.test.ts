import { describe, expect, it } from "vitest";
import { asksLocalDetail, asksQuantity, statesQuantity } from "./answer-type.js";

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
