import { describe, expect, it } from "vitest";
import { redactPii } from "./pii.js";

describe("redactPii: every kind of personal information, in French and English", () => {
  it.each([
    ["mon courriel est marie.t@gmail.com", "EMAIL", "marie.t"],
    ["call me at (514) 555-0142", "PHONE", "555-0142"],
    ["mon cell en France: +33 6 12 34 56 78", "PHONE", "12 34 56"],
    ["write to jane (at) gmail (dot) com", "EMAIL", "jane"],
    ["email karen at videotron dot ca", "EMAIL", "karen"],
    ["appelez au +1 438 555 9876", "PHONE", "9876"],
    ["J'habite au H2T 1S4", "POSTAL_CODE", "H2T"],
    ["my postal code is g1r4s9", "POSTAL_CODE", "g1r4s9"],
    ["mon NAS est 046 454 286", "SIN", "046 454 286"],
    ["SIN 130-692-544", "SIN", "130-692-544"],
    ["carte RAMQ TREJ 8503 1219", "HEALTH_CARD", "TREJ"],
    ["health card GAGM72541098", "HEALTH_CARD", "GAGM"],
    ["permis T6543-210987-01", "DRIVER_LICENCE", "T6543"],
    ["licence L1234 567890 12", "DRIVER_LICENCE", "L1234"],
    ["je suis né le 14 février 2008", "DATE_OF_BIRTH", "2008"],
    ["born on May 3, 1990", "DATE_OF_BIRTH", "1990"],
    ["date de naissance : 1985-03-12", "DATE_OF_BIRTH", "1985"],
    ["Je m'appelle Sophie Lavoie", "NAME", "Lavoie"],
    ["Hi, I'm Daniel Roy, how do I register?", "NAME", "Daniel Roy"],
    ["Marc Bélanger, 12 avenue des Pins, Gatineau", "NAME", "Bélanger"],
    ["j'habite au 4521 rue Saint-Denis", "ADDRESS", "4521"],
    ["I live at 88 Maple Street", "ADDRESS", "88 Maple"],
  ])("%s → [%s]", (input, kind, secret) => {
    const r = redactPii(input);
    expect(r.kinds).toContain(kind);
    expect(r.text).not.toContain(secret);
    expect(r.text).toContain(`[${kind}]`);
  });

  it("leaves what a voter legitimately writes: election dates, ages, the official number, nationalities", () => {
    for (const q of ["L'élection du 5 octobre 2026 est-elle un lundi?", "I am 17, can I vote?", "Je suis Québécois", "I am Canadian", "voting hours 9:30 to 20:00"]) {
      expect(redactPii(q)).toEqual({ text: q, kinds: [] });
    }
  });
});
