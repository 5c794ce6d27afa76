import type { Lang } from "./options.js";

/** Every string the widget shows, in both languages (a test checks they stay in step). */
export interface Strings {
  launcher: string;
  launcherBadge: string;
  launcherName: string;
  title: string;
  offeredBy: (party: string) => string;
  notPartyVoice: string;
  close: string;
  otherLang: string;
  otherLangName: string;
  disclosureTitle: string;
  disclosureWhat: string;
  disclosureLog: (days: number | null) => string;
  disclosurePersonal: string;
  disclosureLink: string;
  newTab: string;
  inputLabel: string;
  inputHint: string;
  placeholder: string;
  send: string;
  you: string;
  assistant: string;
  aiBadge: string;
  kindRefusal: string;
  kindAbstain: string;
  sources: string;
  source: (n: number, title: string) => string;
  streaming: string;
  verify: string;
  verifying: string;
  verifyValid: (keyId: string) => string;
  verifyInvalid: string;
  verifyUnavailable: (reason: string) => string;
  verifyMore: string;
  withdrawnTitle: string;
  withdrawn: string;
  networkError: string;
  interrupted: string;
  serverError: (code: string) => string;
  tooLong: string;
  retry: string;
  rateLimited: (seconds: number | null, at: string | null) => string;
  rateLimitedReady: string;
  official: string;
  officialSite: string;
  officialPhone: string;
  officialPhoneDigits: string;
  answerAnnounced: string;
}

const fr: Strings = {
  launcher: "Questions sur le vote?",
  launcherBadge: "IA",
  launcherName: "Ouvrir l'assistant d'information électorale",
  title: "Assistant d'information électorale (IA)",
  offeredBy: (party) => `Offert sur le site de ${party}, sans parler en son nom.`,
  notPartyVoice: "Il ne parle au nom d'aucun parti.",
  close: "Fermer l'assistant",
  otherLang: "English",
  otherLangName: "Switch to English",
  disclosureTitle: "À savoir avant de commencer",
  disclosureWhat:
    "Vous conversez avec un assistant d'intelligence artificielle. Il donne de l'information générale sur le vote au Québec, tirée uniquement des sources officielles d'Élections Québec. Il ne remplace pas Élections Québec et ne dit pas pour qui voter.",
  disclosureLog: (days) =>
    `Vos questions et les réponses sont journalisées pour permettre leur vérification, après masquage automatique des renseignements personnels. Leur texte est effacé ${days ? `après ${days} jours` : "après une durée limitée"}.`,
  disclosurePersonal: "Ne partagez pas de renseignements personnels (nom, adresse, numéros, date de naissance) : ils ne sont pas nécessaires.",
  disclosureLink: "Comment fonctionne cet assistant (page de transparence)",
  newTab: "(s'ouvre dans un nouvel onglet)",
  inputLabel: "Votre question sur le vote au Québec",
  inputHint: "Entrée pour envoyer, Maj+Entrée pour changer de ligne.",
  placeholder: "Ex. : Quelles pièces d'identité apporter?",
  send: "Envoyer",
  you: "Vous",
  assistant: "Assistant IA",
  aiBadge: "Réponse générée par IA",
  kindRefusal: "Hors du rôle de l'assistant",
  kindAbstain: "Pas de réponse dans les sources",
  sources: "Sources officielles",
  source: (n, title) => `Source ${n} : ${title}`,
  streaming: "Réponse en cours de rédaction…",
  verify: "Vérifier cette réponse",
  verifying: "Vérification de la signature…",
  verifyValid: (keyId) => `Signature valide : cette réponse est exactement celle que Scrutin a produite et signée (clé ${keyId.slice(0, 12)}…).`,
  verifyInvalid: "Signature invalide : cette réponse ne correspond pas à ce que Scrutin a signé. Ne vous y fiez pas et consultez Élections Québec.",
  verifyUnavailable: (reason) => `Vérification impossible pour le moment (${reason}). Réessayez ou consultez Élections Québec.`,
  verifyMore: "Vérifier une réponse vous-même",
  withdrawnTitle: "Réponse retirée",
  withdrawn: "Cette réponse a été retirée après vérification par les responsables de l'assistant. Pour une information fiable, consultez Élections Québec.",
  networkError: "La question n'a pas pu être envoyée : problème de connexion.",
  interrupted: "La réponse a été interrompue avant la fin.",
  serverError: (code) => `Le service n'a pas pu répondre (code : ${code}).`,
  tooLong: "Votre question est trop longue (2 000 caractères au maximum).",
  retry: "Réessayer",
  rateLimited: (seconds, at) =>
    `Trop de questions en peu de temps. ${seconds !== null ? `Vous pourrez réessayer dans ${seconds} seconde${seconds > 1 ? "s" : ""}${at ? ` (à ${at})` : ""}.` : "Réessayez dans un moment."}`,
  rateLimitedReady: "Vous pouvez réessayer maintenant.",
  official: "Information officielle : Élections Québec",
  officialSite: "www.electionsquebec.qc.ca",
  officialPhone: "1 888 ÉLECTION",
  officialPhoneDigits: "1 888 353-2846",
  answerAnnounced: "Nouvelle réponse de l'assistant IA.",
};

const en: Strings = {
  launcher: "Questions about voting?",
  launcherBadge: "AI",
  launcherName: "Open the election information assistant",
  title: "Election information assistant (AI)",
  offeredBy: (party) => `Offered on ${party}'s website; it does not speak for the party.`,
  notPartyVoice: "It does not speak for any party.",
  close: "Close the assistant",
  otherLang: "Français",
  otherLangName: "Passer au français",
  disclosureTitle: "Before you start",
  disclosureWhat:
    "You are chatting with an artificial intelligence assistant. It gives general information about voting in Québec, taken only from Élections Québec's official sources. It does not replace Élections Québec and does not tell you whom to vote for.",
  disclosureLog: (days) =>
    `Your questions and the answers are logged so they can be checked, after personal information is automatically masked. Their text is deleted ${days ? `after ${days} days` : "after a limited time"}.`,
  disclosurePersonal: "Do not share personal information (name, address, numbers, date of birth): it is not needed.",
  disclosureLink: "How this assistant works (transparency page)",
  newTab: "(opens in a new tab)",
  inputLabel: "Your question about voting in Québec",
  inputHint: "Enter to send, Shift+Enter for a new line.",
  placeholder: "E.g. What ID should I bring?",
  send: "Send",
  you: "You",
  assistant: "AI assistant",
  aiBadge: "AI-generated answer",
  kindRefusal: "Outside the assistant's role",
  kindAbstain: "Not answered by the sources",
  sources: "Official sources",
  source: (n, title) => `Source ${n}: ${title}`,
  streaming: "Writing the answer…",
  verify: "Verify this answer",
  verifying: "Checking the signature…",
  verifyValid: (keyId) => `Valid signature: this answer is exactly what Scrutin produced and signed (key ${keyId.slice(0, 12)}…).`,
  verifyInvalid: "Invalid signature: this answer does not match what Scrutin signed. Do not rely on it; check with Élections Québec.",
  verifyUnavailable: (reason) => `The signature could not be checked right now (${reason}). Try again or check with Élections Québec.`,
  verifyMore: "Verify an answer yourself",
  withdrawnTitle: "Answer withdrawn",
  withdrawn: "This answer was withdrawn after review by the people responsible for the assistant. For reliable information, check with Élections Québec.",
  networkError: "Your question could not be sent: connection problem.",
  interrupted: "The answer was interrupted before it finished.",
  serverError: (code) => `The service could not answer (code: ${code}).`,
  tooLong: "Your question is too long (2,000 characters at most).",
  retry: "Try again",
  rateLimited: (seconds, at) =>
    `Too many questions in a short time. ${seconds !== null ? `You can try again in ${seconds} second${seconds > 1 ? "s" : ""}${at ? ` (at ${at})` : ""}.` : "Please try again in a moment."}`,
  rateLimitedReady: "You can try again now.",
  official: "Official information: Élections Québec",
  officialSite: "www.electionsquebec.qc.ca",
  officialPhone: "1-888-ÉLECTION",
  officialPhoneDigits: "1-888-353-2846",
  answerAnnounced: "New answer from the AI assistant.",
};

export const STRINGS: Record<Lang, Strings> = { fr, en };
