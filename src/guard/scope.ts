import { boundedMemo } from "../text/bounded-memo.js";
import { fold } from "../text/analyze.js";
import { CARRY_ON, detectInjection } from "./injection.js";
import { judgeJurisdiction } from "./jurisdiction.js";
import { DOMAIN_TERMS, PARTY_ACRONYMS, PARTY_NAMES, UNRELATED_SIGNALS } from "./lexicon.js";
import { STOPWORDS } from "../text/stopwords.js";
import { decodeEntities, normalise } from "./normalise.js";
import { detectPremise, type Premise } from "./premise.js";
import type { Category, Verdict } from "./types.js";

/**
 * Deterministic scope rules, French and English, on normalised text (case, accents, SMS
 * spellings and typos of domain words do not matter). Every rule reports a verdict; the
 * most cautious triggered category wins (injection first, then neutrality, then
 * jurisdiction, then topic).
 */
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/[- ]/g, "[- ]");
const PARTY = `(?:${PARTY_NAMES.map(esc).join("|")})`;
const PARTY_RE = new RegExp(`\\b${PARTY}\\b`);
/** Acronyms count in capitals ("PQ") or after an article ("le pq", "the caq"), so SMS "pq" (pourquoi) does not. */
const ACRONYM_UPPER = new RegExp(`(?<![\\p{L}])(?:${PARTY_ACRONYMS.join("|")})(?![\\p{L}])`, "u");
const ACRONYM_ARTICLE = new RegExp(`\\b(?:le|la|les|du|au|aux|the|for|pour|of|de|contre|against|vote|voter)\\s+(?:${PARTY_ACRONYMS.map((a) => a.toLowerCase()).join("|")})\\b`);
/** People and offices an opinion can target, besides named parties and leaders. */
const TARGET = /\b(?:candidat\w*|candidates?|partis?|party|parties|premier ministre|premiere ministre|the premier|premier of quebec|chefs?|leaders?|deputes?|deputee|mnas?|politicien\w*|politicians?|gouvernement|government|ministre|minister)\b/;

const OPINION = /\b(?:menteurs?|menteuse|liars?|lies|ment|corrompue?s?|corrupt\w*|incompetente?s?|incompetent|nuls?|nulle|stupide?s?|stupid|idiote?s?|idiots?|racistes?|racists?|fraude\w*|fraud\w*|escrocs?|crooks?|criminel\w*|criminals?|mauvaise?s?|bad|pire|worst|good|bonne?s?|best|meilleure?s?|better|mieux|think (?:of|about)|penses?-tu|pensez-vous|penses? (?:de|du)|opinion|avis|scandales?|scandals?|trust\w*|confiance|like|aimes?|hate|detestes?|honnete\w*|honest|dangereu\w*|dangerous|extremistes?|extremists?|deserve\w*|merite\w*|fiable|reliable|competent\w*|qualified|qualifies?|strengths?|weaknesses|forces|faiblesses|incapable|useless|inutile|disaster|catastroph\w*)\b/;
const ATTACK = /\b(?:menteurs?|menteuse|liars?|lies|corrompue?s?|corrupt\w*|incompetente?s?|incompetent|stupide?s?|stupid|idiote?s?|idiots?|racistes?|racists?|fraude\w*|fraud\w*|escrocs?|crooks?|criminel\w*|criminals?|scandales?|scandals?|dangereu\w*|dangerous|extremistes?|extremists?|traitres?|traitors?|useless|inutiles?|disaster|catastroph\w*|crosseu(?:r|rs|se|ses)|voleu(?:r|rs|se|ses)|clowns?|roast\w*|trash\w*|planter|descendre|ridiculi\w*|humilie\w*|humiliat\w*|what do you think of|que penses-tu de|que pensez-vous de|ton avis sur|votre avis sur|your opinion (?:of|on|about))\b/;
/** The voter asking the assistant for its own view: "selon toi", "do you think", "à ton avis". */
const ASKS_VIEW = /\b(?:selon (?:toi|vous)|a (?:ton|votre) avis|d'apres (?:toi|vous)|(?:do|would) you (?:think|say|recommend|trust)|you think|in your (?:opinion|view)|a (?:ta|votre) place|in my (?:place|shoes)|if you were me|tu (?:trouves|crois|penses)|vous (?:trouvez|croyez|pensez))\b/;
/** Asking to choose between parties: "entre la CAQ et le PQ, lequel…", "which one should I pick". */
const ASKS_CHOICE = /\b(?:lequel|laquelle|lesquels|which one|which)\b.{0,40}\b(?:chois\w*|choose|pick|prendr\w*|vot\w*|appuyer|support|prefer\w*|best|meilleure?|mieux|better)\b/;
/** Persuading others: partisan only when it names whom or what to vote for ("encourage my friends to vote" is civic). */
const PERSUADE = /\b(?:convince|convaincs|convainc\w*|persuade\w*|urge|incite\w*|encourage\w*)\b.{0,40}\b(?:vot\w*|support|appuyer|soutenir)\b/;
const NAMES_A_CHOICE = /\b(?:vote for|voter pour|votez pour|vote pour|votent pour|support|appuyer|soutenir)\b/;
/** Asking the assistant to write something: about a candidate, party or leader, that is campaign material or an attack. */
const WRITE_CONTENT = /\b(?:write|ecris|ecrivez|ecrire|redige\w*|compose|draft|create|cree|genere\w*|generate|fais-moi|make me|fais un|make a)\b.{0,30}\b(?:posts?|tweets?|publications?|messages?|textes?|articles?|slogans?|pamphlets?|tracts?|ads?|pubs?|publicites?|speech|discours|lettres?|letters?|e-?mails?|courriels?|(?<![-'])memes?|chansons?|songs?|poemes?|poems?|blagues?|jokes?|roasts?|caption|legende)\b/;
/** Asking for a ranking of people or parties: "who's the best candidate", "le meilleur parti", "the worst leader". */
const ASKS_BEST = /\b(?:best|better|meilleure?s?|mieux|worst|pire)\b.{0,12}\b(?:candidat\w*|candidates?|party|parti|partis|parties|chefs?|leaders?|mayor|maire|mairesse|premier ministre|premiere ministre|depute\w*|mnas?)\b/;
const PLATFORM = /\b(?:platform|plateforme|programme electoral|program|promesses?|promises?|engagements?|commitments?|position (?:on|sur)|positions?|stance|propose\w*|proposals?|propositions?|ideologie|ideology|valeurs|values|projet de pays|souverainete|sovereignty|independance|independence)\b/;

const predictionRe = /\b(?:who|which party|which candidate|quel parti|quel candidat|qui)\b.{0,40}\b(?:will win|(?:va|vont|va-t-il|vont-ils) (?:gagn\w*|remport\w*)|gagnera\w*|going to win|gonna win|remporter\w*|win the election|wins?|gagner l'election|favori|favorite|favourite|in the lead|en avance|en tete|leading)\b|\b(?:sondages?|polls? (?:say|show|predict|numbers)|poll numbers|polling numbers|latest polls?|derniers? sondages?|projections?|predictions?|predire|predict\w*|pronostics?|forecast\w*|chances? de gagner|chances? of winning|odds|qui va etre elu|who will be elected|majoritaire ou minoritaire|majority or minority|gouvernement (?:majoritaire|minoritaire)|(?:majority|minority) government|how many seats|combien de sieges|qc125|338canada|leger|mainstreet|angus reid|(?:sera|seront|will be|be) (?:re-?)?elu\w*|re-?elected|reelue?s?|(?:perdre|perdront|perdra|lose|gagner|gain|garder|gardera|conserver|conservera|keep|hold|retain)\w* (?:leurs |des |their |its |ses |son |sa |\w+ )?(?:sieges?|seats?|comte|circonscription|riding)|form(?:s|ing)? (?:the )?(?:next )?government|former le (?:prochain )?gouvernement)\b/;

const RULES: { name: string; category: Category; test: (f: string, raw: string) => RegExpExecArray | null }[] = [
  {
    // Text for the sender to spread: campaign material or a false announcement.
    name: "content_request",
    category: "unrelated",
    test: (f) =>
      /\b(?:write|ecris|ecrivez|redige\w*|compose|draft|create|cree|genere\w*|generate|fais-moi|make me)\b.{0,30}\b(?:posts?|tweets?|publications?|messages?|textes?|articles?|slogans?|pamphlets?|tracts?|ads?|pubs?|publicites?|speech|discours|lettres?|letters?|e-?mails?|courriels?|memes?)\b.{0,60}\b(?:saying|that says|qui dit|disant|announcing|annoncant|pour dire|to say|claiming|affirmant|pour annoncer)\b/.exec(f),
  },
  {
    name: "prediction",
    category: "prediction",
    // A question about the rules on polls ("are polls banned on polling day?") is not a request for one.
    test: (f) => (/\b(?:sondages?|polls?)\b.{0,40}\b(?:interdit\w*|allowed|permis|permitted|autoris\w*|legal\w*|illegal|banned?|forbidden|regles?|rules?|publi\w*|diffus\w*)\b|\bexit polls?\b/.test(f) ? null : predictionRe.exec(f)),
  },
  {
    name: "partisan",
    category: "partisan",
    test: (f) =>
      /\b(?:pour qui|for whom|who)\b.{0,15}\b(?:dois-je|devrais-je|je dois|je devrais|dois|devrais|devrait|should|do i|would you|voterais|votes?-tu|votez-vous|recommend\w*|conseill\w*|suggere\w*)\b.{0,20}\b(?:vot\w*|choose|choisir|support|appuyer|pick)\b|(?:^\s*|\b(?:dis|dites|conseille|conseillez|recommande|recommandez|suggere|suggerez)-(?:moi|nous)\s+|\bme dire\s+)pour qui (?:je\s+)?(?:devrais\s+|dois\s+|vais\s+)?vot\w*|\b(?:which|what|quel|quelle|quels)\b.{0,20}\b(?:party|parti|partis|candidat\w*|candidates?|chef|leader)\b.{0,40}\b(?:should i|dois-je|devrais-je|je devrais|best|meilleure?|better|mieux|recommend\w*|recommande\w*|conseille\w*|suggere\w*|choisir|choose|support|appuyer|vote for|voter pour)\b|(?:^\s*|[.!?]\s+|\b(?:tell|ask|urge|get|make|encourage|everyone|people|voters|dis|dites|demande\w*|pousse\w*|incite\w*|tout le monde|les gens|aux gens|aux electeurs|write|ecris|say|dire)\b.{0,25})(?:vote for|votez pour|voter pour|vote pour|votes? pour|support|appuyez|soutenez)\s+(?:le |la |les |the |un |a )?(?:parti|party|caq|pq|plq|qs|pcq|liberal\w*|quebec solidaire|parti quebecois|conservat\w*|coalition)\b|\b(?:why|pourquoi)\b.{0,20}\b(?:vote for|voter pour|support|appuyer)\b|\b(?:deserves?|merite\w*)\b.{0,10}\b(?:my|mon|ton|your|notre|our|votre) vote\b|\b(?:help|aide|aidez)[- ](?:me|moi)\b.{0,25}\b(?:decide|choose|pick|choisir|decider|trouver)\b.{0,30}\b(?:vot\w*|party|parti|partis|candidat\w*|candidates?)\b|\b(?:tell me|dis-moi|dites-moi)\b.{0,10}\bwho to vote for\b|(?:^\s*|[.!?:]\s*)(?:vote|votez)\s+(?:caq|pq|plq|qs|pcq|liberal\w*|solidaire|conservat\w*)\b|\b(?:reasons?|raisons?|arguments?|motifs?)\b.{0,15}\b(?:to vote for|to support|to choose|de voter pour|d'appuyer|pour voter pour|de choisir|pour appuyer)\b|\b(?:slogan|tweet|publicite|advertisement|\bads?\b|pamphlet|tract|campaign (?:message|speech|post)|message de campagne|discours|speech|post facebook|facebook post)\b.{0,40}\b(?:pour|for|about|sur)\b/.exec(f),
  },
  {
    name: "persuasion",
    category: "partisan",
    test: (f, raw) => {
      const m = PERSUADE.exec(f);
      return m && (mentionsParty(f, raw) || TARGET.test(f) || NAMES_A_CHOICE.test(f)) ? m : null;
    },
  },
  {
    name: "ranking",
    category: "partisan",
    test: (f) => ASKS_BEST.exec(f),
  },
  {
    name: "party_platform",
    category: "partisan",
    test: (f, raw) => (mentionsParty(f, raw) && (PLATFORM.exec(f) ?? ASKS_CHOICE.exec(f))) || null,
  },
  {
    name: "candidate_opinion",
    category: "candidate_opinion",
    test: (f, raw) =>
      (mentionsParty(f, raw) && (OPINION.exec(f) ?? ASKS_VIEW.exec(f))) ||
      (TARGET.test(f) && (ATTACK.exec(f) ?? WRITE_CONTENT.exec(f) ?? (ASKS_VIEW.test(f) ? OPINION.exec(f) : null))) ||
      (mentionsParty(f, raw) && WRITE_CONTENT.exec(f)) ||
      /\b(?:rank|ranking|classe\w*|compare\w*)\b.{0,25}\b(?:parties|partis|candidates|candidats|leaders|chefs)\b|\b(?:opinion|avis|penses?-tu|pensez-vous|what do you think|que penses|your view|ton point de vue)\b.{0,50}\b(?:candidat\w*|candidates?|partis?|party|parties|premier ministre|the premier|chef|leader|depute\w*|politicien\w*|politicians?|gouvernement|government|ministre|minister)\b/.exec(f),
  },
];

function mentionsParty(f: string, raw: string): boolean {
  return PARTY_RE.test(f) || ACRONYM_UPPER.test(raw) || ACRONYM_ARTICLE.test(f);
}

const WORD = /[\p{L}\p{N}']+/gu;
const isStop = (w: string) => STOPWORDS.has(w) || STOPWORDS.has(w.replace(/^(?:d|l|j|qu|n|s|m|t|c)'/, "")) || /^(?:don't|can't|won't|isn't|i'm|i've|what's|it's|c'est|qu'est-ce|est-ce|any|those|these|there|here|if|si|ok|okay|hi|hello|bonjour|salut|merci|thanks)$/.test(w);

/**
 * `history` holds the conversation's previous questions: a follow-up like "and the hours?"
 * is on topic because the conversation is, and "ok, do it" after an injection attempt is
 * that attempt carried on. Neutrality and jurisdiction rules look at the new message only.
 */
export function classifyScope(question: string, history: readonly string[] = []): Verdict[] {
  return classify(question, history).verdicts;
}

export function classify(question: string, history: readonly string[] = []): { verdicts: Verdict[]; premise: Premise | null } {
  const f = normalise(question);
  const verdicts: Verdict[] = [];
  const inj = detectInjection(f, fold(decodeEntities(question)).replace(/[’‘`´]/g, "'"));
  const carried = !inj && CARRY_ON.test(f) ? history.map((h) => detectInjection(normalise(h))).find((x) => x !== null) : undefined;
  verdicts.push({ name: "scope.injection", triggered: inj !== null || carried !== undefined, category: "injection",
    ...(inj ? { detail: `${inj.name}: ${inj.detail}` } : carried ? { detail: `carried from history: ${carried.name}` } : {}) });
  for (const rule of RULES) {
    const m = rule.test(f, question);
    verdicts.push({ name: `scope.${rule.name}`, triggered: m !== null, category: rule.category, ...(m ? { detail: m[0].slice(0, 80) } : {}) });
  }
  const j = judgeJurisdiction(f);
  verdicts.push({ name: "scope.federal", triggered: j.kind === "federal", category: "federal", ...(j.kind === "federal" ? { detail: j.detail } : {}) });
  verdicts.push({ name: "scope.other_jurisdiction", triggered: j.kind === "other_jurisdiction", category: "other_jurisdiction", ...(j.kind === "other_jurisdiction" ? { detail: j.detail } : {}) });
  const topic = offTopic(f, history);
  verdicts.push({ name: "scope.electoral_topic", triggered: topic !== null, category: "unrelated", ...(topic ? { detail: topic } : {}) });
  const premise = detectPremise(f);
  // Not a refusal: the answer goes ahead and must correct the premise (see output.ts).
  verdicts.push({ name: "premise.suspect", triggered: premise !== null, ...(premise ? { detail: `${premise.name}: ${premise.detail}` } : {}) });
  return { verdicts, premise };
}

const hasDomainWord = (ws: readonly string[]) => ws.some((w) => DOMAIN_TERMS.has(w.replace(/^(?:d|l|j|qu|n|s|m|t)'/, "")));

const ON_TOPIC_MAX = 4096;

/**
 * Whether an earlier question has a word of the domain. A conversation's last questions come
 * back with every new turn, so each one's answer is kept (bounded) rather than normalised again.
 */
const isOnTopic = boundedMemo(ON_TOPIC_MAX, (question: string) => hasDomainWord(normalise(question).match(WORD) ?? []));

/**
 * Unrelated only when the message says so: an off-topic signal with no electoral word, or
 * a long sentence (seven content words or more) with no word of the domain at all. A terse message ("hors québec",
 * "accessibility kit") goes on to retrieval, whose abstain gate is the better judge.
 */
function offTopic(f: string, history: readonly string[]): string | null {
  const words = f.match(WORD) ?? [];
  if (hasDomainWord(words) || history.some(isOnTopic)) {
    const signal = UNRELATED_SIGNALS.exec(f);
    const strong = /\b(?:vot\w*|elect\w*|scrutin|bulletin|ballot|inscri\w*|regist\w*|circonscription|riding|candidat\w*|polling|bureau de vote)\b/.test(f);
    return signal && !strong ? `off-topic: ${signal[0]}` : null;
  }
  const signal = UNRELATED_SIGNALS.exec(f);
  if (signal) return `off-topic: ${signal[0]}`;
  const content = words.filter((w) => !isStop(w));
  return content.length >= 7 ? "no electoral vocabulary" : null;
}
