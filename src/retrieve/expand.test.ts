import { describe, expect, it } from "vitest";
import { expand } from "./expand.js";

// Voters' ways of asking that the official vocabulary says otherwise. None of these
// phrasings is in an eval dataset.
describe("voters' words for official conditions", () => {
  it.each([
    ["ma blonde est mexicaine, a-t-elle le droit de voter?", "fr", "citoyenneté canadienne"],
    ["Mon coloc est belge, il peut voter ici?", "fr", "citoyenneté canadienne"],
    ["My roommate is American, can she vote in Québec?", "en", "Canadian citizen"],
    ["Does my nationality matter for voting?", "en", "Canadian citizen"],
  ])("a nationality asks the citizenship condition: %s", (q, lang, official) => expect(expand(q, lang as "fr" | "en").added).toContain(official));

  it.each([
    ["qui se présente par chez nous?", "fr", "circonscription électorale"],
    ["c'est qui les candidats dans notre secteur?", "fr", "circonscription électorale"],
    ["Who are the candidates in my neighbourhood?", "en", "electoral division"],
  ])("the voter's own area is their electoral division: %s", (q, lang, official) => expect(expand(q, lang as "fr" | "en").added).toContain(official));

  it.each([
    ["Je me suis mariée cet été, dois-je changer quelque chose sur la liste?", "fr", "changement de nom"],
    ["J'ai repris mon nom de jeune fille, je le signale comment?", "fr", "changement de nom"],
    ["I took my wife's surname, what do I do for the voters list?", "en", "change of name"],
  ])("a marriage or new surname is a change of name: %s", (q, lang, official) => expect(expand(q, lang as "fr" | "en").added).toContain(official));

  it.each(["Pis si je me trompe en cochant?", "Qu'est-ce qui arrive si je me suis trompée?", "Et si je me trompe, je recommence?"])("a mistake of one's own is a marking error: %s", (q) =>
    expect(expand(q, "fr").added).toContain("marque bulletin rejeté"),
  );
  it.each(["Je me suis trompé de bureau de vote", "Si je me trompe d'adresse sur le formulaire?"])("a mistake about something named is not: %s", (q) =>
    expect(expand(q, "fr").added).not.toContain("marque bulletin rejeté"),
  );

  it.each([
    ["Est-ce que je peux cocher le cercle au lieu de faire un X?", "fr"],
    ["Si je noircis complètement le rond, mon vote est-il bon?", "fr"],
    ["Sur mon bulletin, une coche suffit-elle?", "fr"],
  ])("a tick or a filled circle is one of the valid marks: %s", (q, lang) => expect(expand(q, lang as "fr").added).toContain("crochet cercle noirci marque"));
  it.each(["Can I just tick the circle instead of an X?", "If I fill in the circle completely, does my vote count?", "Is a check mark OK?", "Can I colour in the dot?"])(
    "a tick or a filled circle is one of the valid marks: %s",
    (q) => expect(expand(q, "en").added).toContain("check mark circle filled in mark"),
  );
  it.each(["Can I check the list online?", "I need to check my registration."])("checking something is not a mark: %s", (q) => {
    expect(expand(q, "en").added).not.toContain("check mark circle filled in mark");
  });

  it.each(["Is it possible to decline the ballot they give me?", "Can I refuse my ballot as a protest?"])("declining a ballot is a blank or spoiled one: %s", (q) =>
    expect(expand(q, "en").added).toContain("blank ballot rejected"),
  );

  it.each([
    ["Is there a lift in the building where I vote?", "en", "accessibility reduced mobility polling place"],
    ["There are stairs at my poll, help?", "en", "accessibility reduced mobility polling place"],
    ["Y a-t-il un ascenseur là où je vote?", "fr", "accessibilité mobilité réduite lieu de vote"],
  ])("a ramp, a lift or stairs ask the polling place's accessibility: %s", (q, lang, official) => expect(expand(q, lang as "fr" | "en").added).toContain(official));

  it.each([
    ["Le bulletin est-il en français?", "fr"],
    ["Est-ce que le coin de la rue est loin?", "fr"],
    ["My husband is away, can he vote by mail?", "en"],
    ["Is the ballot in French?", "en"],
  ])("leaves the same words alone where they say something else: %s", (q, lang) => {
    const added = expand(q, lang as "fr" | "en").added;
    for (const o of ["citoyenneté canadienne", "Canadian citizen", "circonscription électorale", "electoral division", "changement de nom", "change of name"]) expect(added).not.toContain(o);
  });
});

describe("the last expansion, reused", () => {
  it("is the question's own, whatever was expanded in between and in either language", () => {
    const q = "Mon coloc est belge, il peut voter ici?";
    const first = expand(q, "fr");
    expect(expand(q, "fr")).toBe(first);
    expect(expand(q, "en").added).not.toContain("citoyenneté canadienne");
    expect(expand("Where do I vote with my health card?", "fr").added).not.toContain("citoyenneté canadienne");
    expect(expand(q, "fr").added).toEqual(first.added);
  });
});
