import type { Lang } from "../contract/envelope.js";
import { outsideQuebec, type TransparencyFacts } from "./transparency-facts.js";

type Text = Record<Lang, string>;

/**
 * The commitments of the proposed code of conduct for AI use by Québec political parties
 * (IVADO and CEIMIA), as summarised in shared/CONTEXT.md, and how this deployment meets
 * each: statements that depend on configuration are computed from it.
 */
export function commitments(f: TransparencyFacts): { commitment: Text; how: Text }[] {
  const provider: Text =
    f.generator === "extractive"
      ? {
          fr: "Aucun fournisseur d'IA externe n'est utilisé : aucun modèle de langage n'est appelé dans cette configuration.",
          en: "No outside AI provider is used: no language model is called in this configuration.",
        }
      : !f.llm.jurisdiction
        ? {
            fr: `Fournisseur : ${f.llm.provider ?? "non déclaré"}, modèle ${f.llm.model}. Le lieu d'hébergement n'a pas été déclaré par l'exploitant, ce que cette page signale.`,
            en: `Provider: ${f.llm.provider ?? "not declared"}, model ${f.llm.model}. The operator has not declared where it is hosted, and this page says so.`,
          }
        : {
            fr: `Fournisseur : ${f.llm.provider ?? "non déclaré"}, modèle ${f.llm.model}, hébergé : ${f.llm.jurisdiction}${outsideQuebec(f.llm.jurisdiction) ? " (hors du Québec)" : ""}.`,
            en: `Provider: ${f.llm.provider ?? "not declared"}, model ${f.llm.model}, hosted in: ${f.llm.jurisdiction}${outsideQuebec(f.llm.jurisdiction) ? " (outside Québec)" : ""}.`,
          };
  return [
    {
      commitment: { fr: "Utiliser des renseignements personnels seulement avec consentement, dans le cadre légal", en: "Use personal information only with consent, within the legal framework" },
      how: {
        fr: "Aucun renseignement personnel n'est nécessaire pour poser une question. Avant la première question, l'assistant dit ce qui est journalisé et pendant combien de temps. Les renseignements personnels détectés (nom, courriel, téléphone, adresse, code postal, date de naissance, numéros d'assurance maladie, de permis ou d'assurance sociale) sont masqués avant l'enregistrement et avant tout appel à un modèle.",
        en: "No personal information is needed to ask a question. Before the first question, the assistant says what is logged and for how long. Personal information it detects (name, e-mail, phone, address, postal code, date of birth, health insurance, licence or social insurance numbers) is masked before storage and before any model call.",
      },
    },
    {
      commitment: { fr: "Expliquer en termes simples pourquoi on reçoit un message d'IA", en: "Explain in plain language why people receive an AI message" },
      how: { fr: "L'avis affiché à l'ouverture de l'assistant et cette page expliquent ce qu'est l'assistant, d'où viennent ses réponses et comment les vérifier.", en: "The notice shown when the assistant opens and this page explain what the assistant is, where its answers come from and how to check them." },
    },
    { commitment: { fr: "Divulguer les fournisseurs d'IA étrangers", en: "Disclose foreign AI providers" }, how: provider },
    {
      commitment: { fr: "Éviter les fournisseurs qui ne respectent pas les valeurs et les lois du Québec", en: "Avoid providers that do not respect Québec's values and laws" },
      how: {
        fr: "Le fournisseur se choisit par configuration : tout service compatible OpenAI convient, y compris un modèle auto-hébergé ou hébergé au Canada. Le mode par défaut n'utilise aucun modèle.",
        en: "The provider is a configuration choice: any OpenAI-compatible service works, including a self-hosted or Canadian-hosted model. The default mode uses no model at all.",
      },
    },
    {
      commitment: { fr: "Identifier clairement les messages générés par l'IA sans révision humaine", en: "Clearly identify AI-generated messages not reviewed by a human" },
      how: { fr: "Chaque réponse porte l'étiquette ci-dessus dans son texte, un badge visible dans l'assistant et les champs lisibles par machine « aiGenerated » et « label ».", en: "Every answer carries the label above in its text, a visible badge in the assistant, and the machine-readable fields \"aiGenerated\" and \"label\"." },
    },
    {
      commitment: { fr: "Une étiquette standard, simple et reconnaissable", en: "A standard, simple, recognisable label" },
      how: { fr: "Une seule étiquette, en français et en anglais, identique dans l'assistant, l'API et les exportations du journal.", en: "One label, in French and English, identical in the assistant, the API and the log exports." },
    },
    {
      commitment: { fr: "Des marqueurs d'authentification pour confirmer l'origine", en: "Authentication markers to confirm origin" },
      how: { fr: "Chaque réponse est signée (Ed25519); les clés publiques sont publiées à /api/keys; le bouton « Vérifier cette réponse » et la page /verify vérifient la signature dans votre navigateur.", en: "Every answer is signed (Ed25519); the public keys are published at /api/keys; the \"Verify this answer\" button and the /verify page check the signature in your browser." },
    },
    {
      commitment: { fr: "Aucun message d'IA destiné à tromper; respecter la vérification des faits", en: "No AI messages meant to deceive; respect fact-checking" },
      how: {
        fr: "Les réponses viennent seulement des passages officiels cités [n]. Un contrôle logiciel rejette toute citation, adresse web, numéro, date ou montant absent des passages cités; sans réponse dans les sources, l'assistant le dit plutôt que de deviner.",
        en: "Answers come only from the official passages cited [n]. A software check rejects any citation, web address, number, date or amount that the cited passages do not contain; when the sources do not answer, the assistant says so rather than guess.",
      },
    },
    {
      commitment: { fr: "Aucune manipulation, provocation ou exploitation des vulnérabilités", en: "No manipulation, provocation or exploitation of vulnerabilities" },
      how: { fr: "L'assistant refuse de dire pour qui voter, de faire des prédictions et de commenter les candidats, les chefs ou les partis.", en: "The assistant refuses to say whom to vote for, to make predictions, and to comment on candidates, leaders or parties." },
    },
    {
      commitment: { fr: "Diriger vers l'information électorale officielle", en: "Direct people to official electoral information" },
      how: { fr: "Chaque réponse renvoie à Élections Québec et cite la page officielle de chaque affirmation; le site et le numéro d'Élections Québec restent affichés dans l'assistant.", en: "Every answer links to Élections Québec and cites the official page for each claim; Élections Québec's website and phone number stay visible in the assistant." },
    },
    {
      commitment: { fr: "Retirer immédiatement un contenu fautif", en: "Remove violating content immediately" },
      how: {
        fr: "Les responsables de l'audit peuvent retirer une réponse; l'assistant remplace alors une réponse retirée encore affichée par un avis, à l'ouverture et chaque minute pendant qu'il est ouvert.",
        en: "Auditors can withdraw an answer; the assistant then replaces a withdrawn answer still on screen with a notice, when it opens and every minute while it is open.",
      },
    },
    {
      commitment: { fr: "Protéger les systèmes d'IA contre les intrusions et l'exploitation", en: "Secure AI systems against breaches and exploitation" },
      how: {
        fr: "Questions limitées en longueur, défense contre l'injection d'instructions, journal chaîné par empreintes qui rend toute modification détectable, réponses signées, politique de sécurité du contenu stricte sur ces pages et assistant isolé du site hôte.",
        en: "Length-limited questions, defence against prompt injection, a hash-chained log that makes any alteration detectable, signed answers, a strict content security policy on these pages and an assistant isolated from the host site.",
      },
    },
    {
      commitment: { fr: "Signaler les attaques et les campagnes de désinformation", en: "Report attacks and disinformation campaigns" },
      how: { fr: "Chaque échange est journalisé avec ses sources, ce qui permet aux responsables de l'audit de signaler des incidents preuves à l'appui. Pour signaler de la désinformation électorale, communiquez avec Élections Québec.", en: "Every exchange is logged with its sources, so auditors can flag incidents with evidence. To report electoral disinformation, contact Élections Québec." },
    },
    {
      commitment: { fr: "Littératie en IA et esprit critique", en: "AI literacy and critical thinking" },
      how: { fr: "Chaque réponse invite à vérifier auprès d'Élections Québec, montre ses sources et peut être vérifiée; cette page explique les limites de l'assistant.", en: "Every answer invites you to check with Élections Québec, shows its sources and can be verified; this page explains the assistant's limits." },
    },
  ];
}
