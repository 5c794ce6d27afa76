import { z } from "zod";

/** Event types on the audit chain; a flag or takedown is a new event, never an update. */
export const EventTypeSchema = z.enum(["turn", "flag", "takedown", "unflag", "purge", "erasure", "audit_access", "key"]);
export type EventType = z.infer<typeof EventTypeSchema>;

export interface NewEvent {
  type: EventType;
  eventId: string;
  createdAt: string;
  conversationId?: string;
  turnId?: string;
  lang?: string;
  answerKind?: string;
  /** Non-personal facts, kept for as long as the log: hashed as canonical JSON. */
  header: Record<string, unknown>;
  /** Personal or purgeable content (redacted question, envelope): canonical JSON. */
  body: Record<string, unknown> | null;
}

export interface StoredEvent {
  seq: number;
  eventId: string;
  type: EventType;
  createdAt: string;
  conversationId: string | null;
  turnId: string | null;
  lang: string | null;
  answerKind: string | null;
  header: string;
  body: string | null;
  bodyHash: string;
  prevHash: string;
  hash: string;
}
