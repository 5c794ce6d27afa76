import type { AnswerKind, Citation, Envelope, Lang, UnsignedEnvelope } from "../contract/envelope.js";
import { AI_LABEL, OFFICIAL, officialLine } from "./official.js";
import { signEnvelope, type Signer } from "./sign.js";

export interface SealInput {
  id: string;
  conversationId: string;
  lang: Lang;
  kind: AnswerKind;
  body: string;
  /** Sentences shown before the official line (e.g. the privacy notice). */
  notices: string[];
  citations: Citation[];
  corpusVersion: string;
  generator: "extractive" | "llm";
  model: string;
  promptVersion: string;
  createdAt: string;
}

/** The footer every answer ends with: official link and phone, then the AI label. */
export function footer(lang: Lang, notices: readonly string[]): string {
  return [...notices, officialLine(lang), AI_LABEL[lang]].join("\n");
}

/** Labels, links and signs: the envelope of shared/DESIGN.md. */
export async function seal(input: SealInput, signer: Signer): Promise<Envelope> {
  const text = `${input.body.trim()}\n\n${footer(input.lang, input.notices)}`;
  const unsigned: UnsignedEnvelope = {
    id: input.id,
    conversationId: input.conversationId,
    lang: input.lang,
    kind: input.kind,
    text,
    aiGenerated: true,
    label: { text: AI_LABEL[input.lang] },
    officialLink: { ...OFFICIAL.link[input.lang] },
    citations: input.citations,
    provenance: {
      corpusVersion: input.corpusVersion,
      generator: input.generator,
      model: input.model,
      promptVersion: input.promptVersion,
      createdAt: input.createdAt,
    },
  };
  return signEnvelope(unsigned, signer);
}
