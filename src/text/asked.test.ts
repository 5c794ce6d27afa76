import { describe, expect, it } from "vitest";
import { askedAct, askedPhrases } from "./asked.js";

// Why these frames are principled: each is a grammatical position whose filler is, by the
// question's own structure, the thing asked about — the object of "bring", the subject of
// "allowed", the property a yes/no question predicates, the verb of "who…?", the head noun
// of "what is the … of". Sources that speak only of the setting (the polling station, the
// ballot) do not answer it, however many other words they share. None of these phrasings is
// in an eval dataset.
describe("what a question's grammar marks as asked", () => {
  it.each([
    ["Can I bring my guitar into the polling station?", "guitar"],
    ["Is it OK to carry an umbrella when I vote?", "umbrella"],
    ["Est-ce que je peux amener mon perroquet au bureau de vote?", "perroquet"],
    ["Je peux-tu apporter ma tablette pour lire les noms?", "tablette"],
  ])("the thing brought: %s", (q, asked) => expect(askedPhrases(q)).toContain(asked));

  it.each([
    ["Is chewing gum allowed in the voting booth?", "chewing gum"],
    ["Are umbrellas permitted inside?", "umbrellas"],
    ["Les parapluies sont-ils interdits dans l'isoloir?", "parapluies"],
  ])("the thing allowed or forbidden: %s", (q, asked) => expect(askedPhrases(q)).toContain(asked));

  it.each([
    ["Are the ballot boxes laminated?", "laminated"],
    ["Were the voting booths disinfected?", "disinfected"],
    ["Les urnes sont-elles verrouillées?", "verrouillees"],
    ["Les isoloirs sont-ils désinfectés après chaque vote?", "desinfectes"],
    ["Les urnes sont-elles scellées pendant la nuit?", "scellees"],
  ])("the property a yes/no question asks of its subject: %s", (q, asked) => expect(askedPhrases(q)).toContain(asked));

  it.each([
    ["Does Élections Québec supply a free taxi to the polls?", "taxi"],
    ["Le DGE fournit-il des loupes aux électeurs?", "loupes"],
    ["Élections Québec offre-t-elle un service de garde?", "service de garde"],
    // Paying back is providing (none of these is in an eval set).
    ["Will Elections Quebec reimburse my Uber to the polls?", "uber"],
    ["Does the returning officer refund the babysitter I hire to go vote?", "babysitter i hire"],
    ["Does Élections Québec reimburse the cost of parking at the station?", "parking"],
    ["Le DGE rembourse-t-il mon billet d'autobus pour aller voter?", "billet d'autobus"],
    ["Est-ce qu'Élections Québec rembourse la gardienne pour aller voter?", "gardienne"],
    ["Élections Québec rembourse les frais de covoiturage?", "covoiturage"],
  ])("the thing offered: %s", (q, asked) => expect(askedPhrases(q)).toContain(asked));

  it.each([
    ["What is the weight of a ballot box?", "weight"],
    ["What's the budget for advertising?", "budget"],
    ["Quelle est la taille de l'isoloir?", "taille"],
    ["Quel est le poids d'une urne?", "poids"],
  ])("the attribute a 'what is the' question asks: %s", (q, asked) => expect(askedPhrases(q)).toContain(asked));

  it.each([
    ["Is there a cafeteria at the polling place?", "cafeteria"],
    ["Y a-t-il un vestiaire au bureau de vote?", "vestiaire"],
    ["Est-ce qu'il y a une rampe à l'école?", "rampe"],
  ])("the thing an 'is there' question asks for: %s", (q, asked) => expect(askedPhrases(q)).toContain(asked));

  it.each([
    ["What hours is the help desk open on weekends?", ["help", "desk"]],
    ["When is the advance poll office open?", ["advance", "poll", "office"]],
    ["Quelles sont les heures d'ouverture de la bibliothèque municipale?", ["heures", "bibliotheque", "municipale"]],
    ["À quelle heure ferme le comptoir de service cette semaine?", ["comptoir", "de", "service"]],
  ])("every word of the thing whose hours are asked: %s", (q, asked) => expect(askedPhrases(q)).toEqual(asked));

  it.each([
    ["Where can I park my bike at the polling place?", "bike"],
    ["How can I recharge my phone while I wait?", "phone"],
    ["Où est-ce que je peux laisser mon vélo au bureau de vote?", "velo"],
    ["Comment je peux réserver une salle pour un débat?", "salle"],
  ])("the object a voter asks where or how to act on: %s", (q, asked) => expect(askedPhrases(q)).toContain(asked));

  // Near misses: the same words where they do not mark the thing asked.
  it.each([
    // "allowed to <act>" frames the act, and a pronoun is not a topic.
    ["My aunt is under guardianship, is she still allowed to vote?", []],
    ["Am I required to show my card?", []],
    // « sont-ils autorisés à », "offered to": permission and provision frame an act.
    ["Les aînés sont-ils autorisés à voter chez eux?", ["aines"]],
    ["Is voting by mail offered to students?", []],
    // An adjective before its noun is not the property asked ("my expired passport").
    ["Is my expired passport accepted?", ["expired passport"]],
    // "Is a bill accepted as proof": what is accepted is the subject, not the participle.
    ["Is a phone bill accepted as proof?", ["phone bill"]],
    // "Is there a way" asks whether something can be done.
    ["I'm abroad. Is there any way to vote?", []],
    ["Y a-t-il un moyen de voter de chez moi?", []],
    // "se porter garant" is vouching, not carrying.
    ["Mon voisin peut-il se porter garant pour moi?", []],
    // A question with none of the frames names nothing.
    ["How do I vote by mail?", []],
    ["Comment m'inscrire sur la liste électorale?", []],
    // "vote from Florida", "check if I'm": no object, only the act's circumstances.
    ["How do I vote from Nunavut?", []],
    ["Comment je peux voter de la Floride?", []],
    ["How can I check if I'm on the list?", []],
    // A role or a process is described in other words; an age or a term is a number.
    ["What is the role of a poll clerk?", []],
    ["Quel est le rôle de la commission de révision?", []],
    ["Quelle est la durée du mandat des députés?", []],
    ["Y a-t-il un âge minimum pour être scrutateur?", []],
    ["Is there a limit on the number of candidates?", []],
    // Hours asked without naming whose are the election's own.
    ["What time does it close?", []],
    ["C'est quoi les heures pour voter?", []],
  ])("%s names %j", (q, asked) => expect(askedPhrases(q)).toEqual(asked));

  it("ignores a redaction placeholder and reads a frame after the scene is set", () => {
    expect(askedPhrases("I live at [ADDRESS]. Can I bring my bike inside?")).toEqual(["bike"]);
  });
});

describe("the act a permission question asks about", () => {
  it.each([
    ["Can I knit while I wait to vote?", "knit"],
    ["Could we sing in the line?", "sing"],
    ["Est-ce que je peux fumer devant l'école?", "fumer"],
    ["Puis-je dormir dans l'isoloir?", "dormir"],
    ["Je peux-tu jouer de la guitare dans la file?", "jouer"],
  ])("%s asks about %s", (q, act) => expect(askedAct(q)).toBe(act));
  it.each([
    ["Who prints the ballots?", "prints"],
    ["Which company designs the voting booths?", "designs"],
    ["Qui imprime les bulletins de vote?", "imprime"],
    ["Quelle compagnie livre les urnes?", "livre"],
    ["Who can sign a nomination paper?", "sign"],
    ["Qui va compter les votes?", "compter"],
  ])("the act a 'who' question asks the doer of: %s", (q, act) => expect(askedAct(q)).toBe(act));
  it.each(["How can I vote?", "Who is in charge of my riding?", "Comment je peux voter?", "Mon fils peut-il voter?", "Est-ce que je peux amener ma voisine?", "Can I bring my cousin?"])(
    "%s asks about no act (a carried thing is asked by its object)",
    (q) => expect(askedAct(q)).toBeNull(),
  );
});
