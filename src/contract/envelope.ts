import { z } from "zod";

/** The answer envelope of shared/DESIGN.md: what the widget, the evals and auditors rely on. */
export const LangSchema = z.enum(["fr", "en"]);
export type Lang = z.infer<typeof LangSchema>;

export const AnswerKindSchema = z.enum(["answer", "abstain", "refusal"]);
export type AnswerKind = z.infer<typeof AnswerKindSchema>;

export const CitationSchema = z.object({
  n: z.number().int().min(1),
  sourceId: z.string().min(1),
  chunkId: z.string().min(1),
  title: z.string().min(1),
  url: z.url(),
  quote: z.string().min(1),
});
export type Citation = z.infer<typeof CitationSchema>;

export const ProvenanceSchema = z.object({
  corpusVersion: z.string().min(1),
  generator: z.enum(["extractive", "llm"]),
  model: z.string(),
  promptVersion: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

export const SignatureSchema = z.object({
  alg: z.literal("Ed25519"),
  keyId: z.string().min(1),
  value: z.string().min(1),
});
export type Signature = z.infer<typeof SignatureSchema>;

export const UnsignedEnvelopeSchema = z.object({
  id: z.string().min(1),
  conversationId: z.string().min(1),
  lang: LangSchema,
  kind: AnswerKindSchema,
  text: z.string().min(1),
  aiGenerated: z.literal(true),
  label: z.object({ text: z.string().min(1) }),
  officialLink: z.object({ url: z.url(), title: z.string().min(1) }),
  citations: z.array(CitationSchema),
  provenance: ProvenanceSchema,
});
export type UnsignedEnvelope = z.infer<typeof UnsignedEnvelopeSchema>;

export const EnvelopeSchema = UnsignedEnvelopeSchema.extend({ signature: SignatureSchema });
export type Envelope = z.infer<typeof EnvelopeSchema>;

export const MESSAGE_MAX_CHARS = 2000;

export const ChatRequestSchema = z.strictObject({
  message: z.string().trim().min(1, "message must not be empty").max(MESSAGE_MAX_CHARS, `message must be at most ${MESSAGE_MAX_CHARS} characters`),
  conversationId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, "conversationId must be 8–64 characters of A–Z, a–z, 0–9, _ or -")
    .optional(),
  lang: LangSchema.optional(),
});
export type ChatRequest = z.infer<typeof ChatRequestSchema>;
