import type { Lang } from "../contract/envelope.js";
import { terms } from "./analyze.js";
import { execAll } from "./exec-all.js";

const WORD = /[\p{L}\p{N}'’-]+/gu;

/**
 * Terms of words capitalised inside a sentence ("Sherbrooke", "McGill"): names of
 * places, schools or people. They situate a question without changing what it asks, so
 * they count neither for nor against its answerability. A sentence's first word is
 * capitalised by grammar, not because it is a name, and is left out.
 */
export function properNounTerms(text: string, lang: Lang): Set<string> {
  const out = new Set<string>();
  for (const sentence of text.split(/[.!?¿¡:;\n]+/)) {
    const ws = sentence.match(WORD) ?? [];
    ws.forEach((w, i) => {
      if (i === 0) return;
      const bare = w.replace(/^[cdjlmnst]['’]|^qu['’]/i, "");
      if (!/^\p{Lu}/u.test(bare) || bare === bare.toUpperCase()) return; // "ID", "CHSLD" are acronyms, not names
      for (const t of terms(bare, lang)) out.add(t);
    });
  }
  for (const m of execAll(PLACE_ACRONYM, text)) for (const t of terms(m[1]!, lang)) out.add(t);
  return out;
}

/**
 * An acronym is usually what a question is about ("ID", "NAS", "CHSLD"), but right after
 * a preposition of place it names where the voter is, studies or works: "au CLSC", "à
 * l'UQAM", "dans un HLM", "at the CLSC", "from UQAM". It then situates like a name.
 */
const PLACE_ACRONYM = /(?:(?<![\p{L}])(?:au|aux|à|a|en|dans|chez)\s+(?:(?:la|le|les|l['’]|un|une|mon|ma|notre)\s*)?|(?<![\p{L}])(?:at|in|from|near)\s+(?:(?:the|a|an|my|our)\s+)?)(\p{Lu}{3,6})\b/gu;
