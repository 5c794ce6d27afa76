import type { Lang } from "../contract/envelope.js";

/** Élections Québec's public coordinates, the anchor of every answer. */
export const OFFICIAL = {
  phoneDisplay: { fr: "1 888 ÉLECTION (1 888 353-2846)", en: "1-888-ÉLECTION (1-888-353-2846)" },
  phoneDigits: "18883532846",
  link: {
    fr: { url: "https://www.electionsquebec.qc.ca/", title: "Élections Québec" },
    en: { url: "https://www.electionsquebec.qc.ca/en/", title: "Élections Québec" },
  },
  domain: "www.electionsquebec.qc.ca",
} as const;

/** The one AI label, identical in every channel (widget, API, exports). */
export const AI_LABEL: Record<Lang, string> = {
  fr: "Réponse générée par une intelligence artificielle (Scrutin) à partir des sources d'Élections Québec. Vérifiez toujours auprès d'Élections Québec.",
  en: "AI-generated answer (Scrutin), based on Élections Québec sources. Always check with Élections Québec.",
};

/** The sentence that puts the official link and phone number in every answer's text. */
export function officialLine(lang: Lang): string {
  return lang === "fr"
    ? `Source officielle : Élections Québec, ${OFFICIAL.link.fr.url} ou ${OFFICIAL.phoneDisplay.fr}.`
    : `Official source: Élections Québec, ${OFFICIAL.link.en.url} or ${OFFICIAL.phoneDisplay.en}.`;
}
