import type { Lang } from "../contract/envelope.js";
import { terms } from "./analyze.js";

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
  return out;
}
