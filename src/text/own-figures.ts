import type { Lang } from "../contract/envelope.js";
import { fold, terms } from "./analyze.js";
import { execAll } from "./exec-all.js";

const I = String.raw`(?:j'|(?:je|i|i'm|i've|i'd|we|we've|on|nous)(?![\p{L}]))`;

/**
 * Figures of the voter's own situation, in a first-person clause: the year it began ("je suis
 * résidente permanente depuis 2019", "I've lived here since 2021") and an amount the voter gave
 * or paid (in the past: "can I donate $250?" asks about the amount) ("I donated $75", « j'ai donné 50 $ »). The sources answer the situation by its rule
 * (the citizenship condition, the contribution limit, the public list of contributors), never
 * by the voter's year or amount. A year or an amount asked about ("Qui a gagné en 1994?", "Did
 * the 2022 election cost $100 million?", "Can I donate $500?") is not in such a clause and stays
 * a figure the corpus must hold.
 */
const SINCE = new RegExp(String.raw`(?<![\p{L}])${I}\s*[^.?!;]{0,60}?\b(?:depuis|since|from)\s+(?:l'an\s+|l'annee\s+|(?:le\s+)?(?:debut|fin)\s+)?(?<fig>(?:19|20)\d{2})\b`, "gu");
const GAVE = new RegExp(
  String.raw`(?<![\p{L}])${I}\s*(?:(?:ai|avons|a|have|'ve|just|already|deja)\s+)*(?:donne|donated|gave|given|contribue|contributed|verse|paid|paye|payed|sent|envoye)\b[^.?!;]{0,20}?(?<fig>\$\s?\d[\d\s.,]*|\d[\d\s.,]*\s?(?:\$|dollars?))`,
  "gu",
);

/** The analysed terms of the figures that describe the voter's own situation in `text`. */
export function ownFigureTerms(text: string, lang: Lang): Set<string> {
  const q = fold(text).replace(/[’`]/g, "'");
  const out = new Set<string>();
  for (const re of [SINCE, GAVE]) for (const m of execAll(re, q)) for (const t of terms(m.groups?.fig ?? "", lang)) out.add(t);
  return out;
}
