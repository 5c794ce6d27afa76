import { fold } from "../text/analyze.js";
import type { Category, Verdict } from "./types.js";

/**
 * Deterministic scope rules, French and English, on folded text (case and accents do not
 * matter; common misspellings are in the patterns). First match wins, most specific first.
 */
const RULES: { name: string; category: Category; re: RegExp }[] = [
  {
    name: "injection",
    category: "injection",
    re: /\b(ignore|oublie|disregard|forget)\b.{0,40}\b(instructions?|regles|rules|consignes|prompt|previous|precedentes?)\b|\b(system prompt|prompt systeme|invite systeme|your (instructions|prompt|rules)|tes (instructions|consignes|regles))\b|\b(you are now|tu es maintenant|act as|agis comme|pretend (to be|you are)|fais semblant|jailbreak|dan mode|developer mode|mode developpeur)\b|\b(without|sans) (the )?(label|etiquette|mention|citations?|sources?|lien)\b/,
  },
  {
    name: "prediction",
    category: "prediction",
    re: /\b(who|which party|quel parti|qui)\b.{0,30}\b(will win|va gagner|vont gagner|gagnera|going to win|remporter|remportera|win the election|gagner l'?election)\b|\b(sondages?|polls? (say|show|predict)|poll numbers|projection|prediction|predire|predict|pronostic|chances? de gagner|chance of winning|qui va etre elu|who will be elected|majoritaire ou minoritaire|majority or minority)\b/,
  },
  {
    name: "partisan",
    category: "partisan",
    re: /\b(pour qui|for whom|who) (je )?(dois|devrais|devrait|should|do i|would you|voterais|voter?ais)\b.{0,15}\b(vot|vote|voter)|\b(who|which party|quel parti|quelle? candidat\w*)\b.{0,40}\b(should i|dois-je|devrais-je|je devrais|best|meilleur|better|mieux|recommend|recommande|conseille|suggere)\b|\b(convince|convaincs|persuade|persuader|urge|incite)\b.{0,40}\b(vote|voter)\b|\b(vote for|votez pour|votez|voter pour|vote pour)\s+(le |la |les |the )?(parti|party|caq|pq|plq|qs|pcq|liberal|quebec solidaire|parti quebecois|conservat\w*|coalition)\b|\b(slogan|tweet|publicite|advertisement|pamphlet|tract|campaign message|message de campagne)\b/,
  },
  {
    name: "candidate_opinion",
    category: "candidate_opinion",
    re: /\b(caq|plq|pq|qs|pcq|legault|st-pierre plamondon|plamondon|nadeau-dubois|ghazal|duhaime|rodriguez|liberal|liberaux|quebec solidaire|parti quebecois|coalition avenir|conservateur|conservative)\b.{0,60}\b(menteur|liar|corrompu|corrupt|incompetent|nul|stupid|stupide|idiot|bad|mauvais|pire|worst|good|bon|bonne|best|meilleur|think of|penses?-tu|opinion|avis|scandale|scandal|trust|confiance|platform|plateforme|promesse|promise|position)\b|\b(opinion|avis|penses?-tu|what do you think)\b.{0,40}\b(candidat|candidate|parti|party|premier ministre|premier|chef|leader)\b/,
  },
  {
    name: "federal",
    category: "federal",
    re: /\b(federal|federale|elections canada|election canadienne|canadian election|house of commons|chambre des communes|carney|poilievre|trudeau|singh|bloc quebecois|ndp|npd|conservative party of canada|parti conservateur du canada|parlement canadien|mp\b|depute federal)\b/,
  },
  {
    name: "other_jurisdiction",
    category: "other_jurisdiction",
    re: /\b(ontario|alberta|british columbia|colombie-britannique|manitoba|saskatchewan|nova scotia|nouvelle-ecosse|new brunswick|nouveau-brunswick|newfoundland|terre-neuve|prince edward|ile-du-prince|yukon|nunavut|northwest territories|territoires du nord-ouest|united states|etats-unis|us election|american|americaine|trump|harris|france|presidentielle|presidential|mexico|mexique)\b/,
  },
];

/** Signals that a question is about elections at all. */
const ELECTORAL = /\b(vot\w*|elect\w*|scrutin|bulletin|ballot|inscri\w*|regist\w*|liste electorale|list of electors|circonscription|riding|division|candidat\w*|parti|party|depute|member of the national assembly|mna|assemblee nationale|directeur du scrutin|returning officer|bureau de vote|poll\w*|identit\w*|\bid\b|carte|card|anticip\w*|advance|resultat\w*|result\w*|contribution|don\b|donation|electionsquebec|elections quebec|desinformation|disinformation|deepfake|hypertrucage|municipal\w*|scolaire|school board|referendum|isoloir|urne|conge|time off|employeur|employer|demenag\w*|moving|adresse|address|citoyen\w*|citizen\w*)\b/;

/**
 * `context` is the conversation's previous question: a follow-up like "and the hours?"
 * is on topic because the conversation is. Refusal rules look at the new message only.
 */
export function classifyScope(question: string, context = ""): Verdict[] {
  const f = fold(question).replace(/[’`]/g, "'");
  const verdicts: Verdict[] = [];
  for (const rule of RULES) {
    const m = rule.re.exec(f);
    verdicts.push({ name: `scope.${rule.name}`, triggered: m !== null, category: rule.category, ...(m ? { detail: m[0].slice(0, 80) } : {}) });
  }
  const electoral = ELECTORAL.test(f) || (context !== "" && ELECTORAL.test(fold(context)));
  verdicts.push({ name: "scope.electoral_topic", triggered: !electoral, category: "unrelated", ...(electoral ? {} : { detail: "no electoral vocabulary" }) });
  return verdicts;
}
