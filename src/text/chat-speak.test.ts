import { describe, expect, it } from "vitest";
import { terms } from "./analyze.js";
import { chatAbbreviations } from "./chat-speak.js";

// None of these messages is in an eval dataset.
describe("chat-speak abbreviations", () => {
  it("reads lower-case words without a vowel as abbreviations", () => {
    expect(chatAbbreviations("bjr, c koi les heures svp? thx", "fr")).toEqual(terms("bjr svp thx", "fr"));
    expect(chatAbbreviations("pls where to vote tbh", "en")).toEqual(terms("pls tbh", "en"));
    expect(chatAbbreviations("slt jveux voter mais jsp comment", "fr")).toEqual(terms("slt jsp", "fr"));
  });
  it("keeps an upper-case acronym and any word with a vowel as a topic", () => {
    expect(chatAbbreviations("Can I vote at the CLSC or the gym?", "en")).toEqual([]);
    expect(chatAbbreviations("Est-ce que le CHSLD a un bureau de vote?", "fr")).toEqual([]);
    expect(chatAbbreviations("my dog is shy", "en")).toEqual([]);
  });
});
