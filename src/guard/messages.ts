import type { Lang } from "../contract/envelope.js";
import type { Category } from "./types.js";

export interface RefusalLinks {
  partyPlatformUrl?: string | undefined;
}

/** Short, polite, neutral refusals that redirect; never an opinion. */
export function refusalText(category: Exclude<Category, "in_scope">, lang: Lang, links: RefusalLinks): string {
  const platform = links.partyPlatformUrl;
  const fr: Record<typeof category, string> = {
    partisan: "Je suis un assistant d'information électorale neutre : je ne peux pas vous dire pour qui voter ni promouvoir un parti ou un candidat." + (platform ? ` Pour connaître les engagements de ce parti, consultez son site : ${platform}.` : " Pour connaître les engagements des partis, consultez leurs sites officiels."),
    candidate_opinion: "Je ne donne pas d'opinion sur les candidats, les chefs ou les partis, et je ne relaie pas d'accusations. Je peux vous expliquer comment, quand et où voter.",
    prediction: "Je ne fais pas de prédictions et je ne commente pas les sondages. Les résultats diffusés par Élections Québec le soir du scrutin sont préliminaires : ils deviennent officiels après le recensement des votes.",
    federal: "Je réponds seulement aux questions sur les élections provinciales au Québec. Pour une élection fédérale, consultez Élections Canada : https://www.elections.ca ou 1 800 463-6868.",
    other_jurisdiction: "Je réponds seulement aux questions sur les élections au Québec. Pour une élection dans une autre province ou un autre pays, consultez l'organisme électoral de cet endroit. Pour voter au Québec, je peux vous aider.",
    unrelated: "Je réponds seulement aux questions sur le vote au Québec : qui peut voter, l'inscription, les pièces d'identité, les dates et les façons de voter.",
    injection: "Je ne peux pas modifier mon rôle ni mes règles. Je réponds seulement aux questions sur le vote au Québec, à partir des sources d'Élections Québec.",
  };
  const en: Record<typeof category, string> = {
    partisan: "I am a neutral election-information assistant: I cannot tell you whom to vote for or promote a party or candidate." + (platform ? ` To learn about this party's commitments, see its website: ${platform}.` : " To learn about the parties' commitments, see their official websites."),
    candidate_opinion: "I do not give opinions about candidates, leaders or parties, and I do not relay accusations. I can explain how, when and where to vote.",
    prediction: "I do not make predictions or comment on polls. The results Élections Québec posts on election night are preliminary: they become official after the official addition of votes.",
    federal: "I only answer questions about provincial elections in Québec. For a federal election, see Elections Canada: https://www.elections.ca or 1-800-463-6868.",
    other_jurisdiction: "I only answer questions about elections in Québec. For an election in another province or country, please contact that jurisdiction's electoral agency. I can help with voting in Québec.",
    unrelated: "I only answer questions about voting in Québec: who can vote, registration, ID, dates and ways to vote.",
    injection: "I cannot change my role or my rules. I only answer questions about voting in Québec, from Élections Québec's sources.",
  };
  return (lang === "fr" ? fr : en)[category];
}

export function abstainText(lang: Lang): string {
  return lang === "fr"
    ? "Je ne trouve pas la réponse à cette question dans les sources officielles dont je dispose, et je préfère ne pas deviner. Élections Québec pourra vous répondre directement."
    : "I cannot find the answer to this question in the official sources I have, and I would rather not guess. Élections Québec can answer you directly.";
}

export function privacyNotice(lang: Lang): string {
  return lang === "fr"
    ? "Pour votre protection, ne partagez pas de renseignements personnels ici (nom, adresse, numéros, date de naissance) : ils ne sont pas nécessaires et ont été masqués."
    : "For your protection, please do not share personal information here (name, address, numbers, date of birth): it is not needed and has been masked.";
}
