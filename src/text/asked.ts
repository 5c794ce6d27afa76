import { fold } from "./analyze.js";
import { execAll } from "./exec-all.js";

/**
 * The words a question's own grammar marks as what it asks, when its wording says so
 * plainly. An answer from general sources can share a question's setting ("polling
 * station", "ballot") and even one of its verbs ("bring", "allowed") while saying nothing of
 * what was asked; these frames name the part an answer must speak of:
 *
 * - what a voter would bring, carry or wear ("Can I bring my parrot?": the parrot);
 * - what a voter asks is allowed or forbidden ("Is chewing gum allowed?": the gum);
 * - what a voter asks where or how to act on ("Where can I park my bike?": the bike);
 * - what a body is asked to offer, provide or pay back ("Does it provide a free taxi?",
 *   "Does it reimburse bus fare?": the taxi, the bus fare);
 * - the property a yes/no question asks about its subject ("Are ballots laminated?",
 *   « Les urnes sont-elles verrouillées? »: laminated, verrouillées);
 * - the attribute a "what is the…?" question asks of a thing ("What is the weight of a
 *   ballot box?", « Quelle est la taille de l'isoloir? »: weight, taille);
 * - the thing an "is there…?" question asks for ("Is there a cafeteria?");
 * - the thing whose opening hours are asked, every word of it ("What hours is the help desk
 *   open?": help and desk, since the hours of another desk answer another question).
 *
 * Each phrase is returned as written; the caller analyses it. Frames are matched on the
 * folded question; a question that fits none asks nothing this module can name.
 */
export function askedPhrases(question: string): string[] {
  const q = fold(question.replace(/\[[A-Z_]+\]/g, " ")).replace(/[’`]/g, "'").replace(/\s+/g, " ");
  const out: string[] = [];
  // A frame anchored at "^" starts a sentence: voters often set the scene first.
  for (const sentence of q.split(/[.?!;:]+|,\s*(?=(?:is|are|est-ce|y a)\b)/).map((s) => s.trim()).filter(Boolean)) {
    for (const re of FRAMES) {
      for (const m of execAll(re, sentence)) {
        const phrase = m.groups?.asked?.trim();
        if (phrase) out.push(phrase);
      }
    }
    // Whose hours are asked is named in full: the hours of an "info line" are not those of
    // the polling station's line, so each of its words must be answered.
    for (const re of WHOLE_FRAMES) {
      for (const m of execAll(re, sentence)) out.push(...(m.groups?.asked?.trim().split(/\s+/) ?? []));
    }
  }
  return out;
}

const DET = "(?:(?:he|she|it|they|my|a|an|the|his|her|our|their|some|any|your|mon|ma|mes|un|une|des|du|de la|de l'|le|la|les|l'|son|sa|ses|notre|nos|votre|vos)\\s+)?";
/** Up to three words, stopping at a preposition, conjunction or the end of the clause. */
const NP = "(?<asked>(?:(?!(?:with|into|to|in|at|on|for|by|from|via|while|when|near|outside|inside|or|and|avec|par|dans|au|aux|a|en|pour|pendant|quand|jusqu'|sur|pres|devant|ou|et)\\b)[\\p{L}'-]+\\s?){1,3})";

/**
 * Participles that frame an act or a provision rather than describe their subject: "is he
 * allowed to vote", « sont-ils autorisés à voter », "is voting offered to caregivers", "is a
 * bill accepted as proof". What is allowed, accepted or offered is asked by its own frame; the
 * answer says it with "can", « peuvent », "such as".
 */
const NOT_FRAMING =
  "(?!(?:accepted|valid|recogni[sz]ed|acceptee?s?|valides?|reconnue?s?|allowed|permitted|entitled|required|supposed|obliged|obligated|expected|forced|offered|provided|given|included|available|autorises?|autorisees?|obliges?|obligees?|tenue?s?|requise?s?|admissibles?|offerte?s?|fournie?s?|disponibles?|permise?s?|interdite?s?|defendue?s?)\\b)";

/** Attributes an answer states in other words or as a number (see the "what is the…" frame). */
const NOT_NAMED =
  "(?!(?:role|roles|job|function|functions|duty|duties|responsibility|responsibilities|purpose|meaning|definition|difference|process|procedure|rules?|steps?|requirements?|conditions?|age|minimum|maximum|limit|term|length|duration|deadline|date|number|amount|fonction|fonctions|tache|taches|mandat|duree|definition|difference|processus|procedure|regles?|etapes?|conditions?|exigences?|but|utilite|signification|limite|delai|nombre|montant)\\b)";

const FRAMES: RegExp[] = [
  // What a voter would bring, carry or wear to vote.
  new RegExp(`\\b(?<!se )(?:bring|carry|wear|apporter|amener|emmener|porter|apporte|amene|emmene)\\s+${DET}${NP}`, "gu"),
  // The object of "where/how can I <verb> the …" (with its determiner: "charge my car", not
  // "vote from Florida", whose words only situate the act).
  new RegExp(`^(?:where|how) (?:can|do|could|should) (?:i|we) (?!vote\\b)[\\p{L}'-]+\\s+(?:my|a|an|the|our|some)\\s+${NP}`, "gu"),
  new RegExp(`^(?:ou|comment) (?:est-ce que )?(?:je peux|puis-je|peut-on|on peut) (?!voter\\b)[\\p{L}'-]+\\s+(?:l'|(?:mon|ma|mes|une|un|des|du|les|le|la)\\s+)${NP}`, "gu"),
  // What is asked to be allowed: "Is smoking allowed", "Are dogs permitted".
  new RegExp(`^(?:is|are)\\s+${DET}(?!(?:he|she|it|they|i|we|you|still|really|also|even|ever|actually|now)\\b)(?<asked>[\\p{L}'-]+(?:\\s[\\p{L}'-]+)?)\\s+(?:allowed|permitted|prohibited|forbidden|banned|accepted|valid)\\b`, "gu"),
  // « Les X sont-ils interdits / permis / chauffés… »: the subject and what is said of it.
  new RegExp(`^${DET}(?<asked>[\\p{L}'-]+(?:\\s(?:de|du|des)\\s[\\p{L}'-]+)?)\\s(?:sont|est)-(?:ils|elles|il|elle)\\b`, "gu"),
  new RegExp(`\\b(?:sont|est)-(?:ils|elles|il|elle)\\s+${DET}${NOT_FRAMING}(?<asked>[\\p{L}'-]+)`, "gu"),
  // "Are the ballots printed on…": the participle a yes/no question asks about its subject,
  // where it ends the clause or meets a preposition ("my expired passport" is an adjective).
  // Permission and obligation ("is he allowed to vote", "am I required to") only frame the
  // act that follows; the frame above takes what is allowed.
  new RegExp(`^(?:is|are|were|was)\\s+${DET}(?:[\\p{L}'-]+\\s){1,3}?${NOT_FRAMING}(?<asked>[\\p{L}'-]+ed)(?=\\s+(?:on|in|at|by|with|for|from|after|before|during|to|between|when|every|each|once|twice|daily)\\b|\\s*$)`, "gu"),
  // What a body is asked to offer or provide.
  // Paying a voter back for something is providing it: "Does it reimburse taxi fare?". (Not
  // "pay": « je paie mes impôts » is what the voter does, not what a body is asked to give.)
  new RegExp(`\\b(?:offer|offers|provide|provides|supply|supplies|reimburse|reimburses|refund|refunds|offre|offrent|fournit|fournissent|rembourse|remboursent)(?:(?:-t)?-(?:il|elle|ils|elles))?\\s+(?:(?:the cost of|the price of|le prix (?:de |du |des |d')|les frais (?:de |du |des |d'))\\s*)?${DET}(?:(?:free|gratuit|gratuite)\\s+)?${NP}`, "gu"),
  // The attribute a "what is the…?" question asks of a thing. A role, a process or a
  // difference is described in other words, and an age, a term or a limit is answered with a
  // number (answer-type.ts checks quantities): neither is a word the answer must repeat.
  new RegExp(`^(?:what|which)(?:\\s+is|\\s+are|'s)\\s+the\\s+${NOT_NAMED}(?<asked>[\\p{L}'-]+)\\s+(?:of|for|used)\\b`, "gu"),
  new RegExp(`^quel(?:le)?s?\\s+(?:est|sont)\\s+(?:le|la|les|l')\\s*${NOT_NAMED}(?<asked>[\\p{L}'-]+)\\s+(?:de|du|des|d'|utilise)`, "gu"),
  // The thing an "is there…?" question asks for.
  // "Is there a way / any chance / un moyen" asks whether something can be done, not for a thing.
  new RegExp(`^(?:is there|are there|y a-t-il|y a-tu|est-ce qu'il y a)\\s+(?:an?|any|some|du|de la|de l'|des|un|une)\\s+(?!(?:way|ways|chance|possibility|option|means|moyen|moyens|facon|possibilite|solution|option)\\b)${NOT_NAMED}${NP}`, "gu"),
];

const WHOLE_FRAMES: RegExp[] = [
  /^(?:what|which) (?:hours|time|times|days?) (?:is|are|does|do) (?:the )?(?!(?:it|they|this|that|you)\b)(?<asked>(?:[\p{L}'-]+ ){1,5}?)(?:open|opened|close|closed|opens|closes|operate|operating|staffed)\b/gu,
  /^when (?:is|are|does|do) (?:the )?(?!(?:it|they|this|that|you)\b)(?<asked>(?:[\p{L}'-]+ ){1,5}?)(?:open|opened|close|closed|opens|closes)\b/gu,
  /\b(?:heures|horaires?) d'ouverture\s+(?:de |du |de la |de l'|des )(?<asked>(?:(?!(?:cette|la|ce|le|pendant|en|au)\b)[\p{L}'-]+ ?){1,4})/gu,
  /\b(?:a quelle heure|quand) (?:ouvre|ferme|ouvrent|ferment) (?:le |la |les |l')?(?<asked>(?:(?!(?:cette|ce|le|pendant|en|au|demain|aujourd'hui)\b)[\p{L}'-]+ ?){1,4})/gu,
];

/**
 * The act a yes/no permission question asks about ("Can I *eat* in line?", « Est-ce que je
 * peux *manger* dans la file? ») or a "who…?" question asks the doer of ("Who *manufactures*
 * the ballot boxes?"). Returned apart from the phrases above because it binds only when the
 * corpus has never used the word: a known act ("can I give…", "can I leave work…")
 * is often answered in other words ("contribution", "four hours off"), but sources that never
 * name the act cannot say whether it is permitted, whatever else they share with the question.
 */
export function askedAct(question: string): string | null {
  const q = fold(question.replace(/\[[A-Z_]+\]/g, " ")).replace(/[’`]/g, "'").replace(/\s+/g, " ");
  for (const sentence of q.split(/[.?!;:]+/).map((s) => s.trim())) {
    const m = ACT.exec(sentence) ?? ACT_FR.exec(sentence) ?? WHO_ACT.exec(sentence);
    if (m?.groups?.act) return m.groups.act;
  }
  return null;
}

/** Verbs that carry their object (the frames above take the object, not the verb). */
const CARRIER = "(?!(?:bring|take|carry|wear|use|have|get|apporter|amener|emmener|porter|prendre|utiliser|avoir)\\b)";
/** "Who manufactures", « quelle entreprise fabrique »: a modal leads to its verb; "who is" asks no act. */
const WHO_ACT = /^(?:who|qui|quelle (?:entreprise|compagnie|firme)|which (?:company|firm|business))\s+(?:(?:can|could|should|will|would|must|may|va|vont|peut|peuvent|doit|doivent|pourrait|devrait)\s+)?(?<act>(?!(?:is|are|was|were|can|could|should|do|does|did|will|would|has|have|est|sont|etait|peut|peuvent|doit|doivent|a|ont|fait|va|vont)\b)[\p{L}'-]+)/u;
const ACT = new RegExp(`^(?:can|may|could) (?:i|we|one)\\s+(?:(?:still|also|just|even)\\s+)?${CARRIER}(?<act>[\\p{L}'-]+)`, "u");
const ACT_FR = new RegExp(`^(?:est-ce (?:que|qu'on) (?:je peux|on peut|je pourrais|on pourrait)|puis-je|peut-on|je peux-tu|on peut-tu)\\s+(?:(?:quand meme|encore|aussi)\\s+)?${CARRIER}(?<act>[\\p{L}'-]+)`, "u");
