import { z } from "zod";
import { AppError } from "../contract/errors.js";
import { ndjsonFirstLine } from "../log/bundle.js";
import { canonicalJson } from "../log/chain.js";
import { EmptyRangeError, type ExportOptions, type ExportSink, type Manifest } from "../log/export.js";
import { dateBound } from "./search.js";

export const ExportQuerySchema = z
  .strictObject({
    from: dateBound("from"),
    to: dateBound("to"),
    withhold: z.preprocess((v) => (v === "" ? undefined : v), z.literal("withdrawn").optional()),
  })
  .transform((q): ExportOptions => ({ ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), withholdWithdrawn: q.withhold === "withdrawn" }));

/**
 * Streams an export bundle as one NDJSON document. The response starts only once the
 * bundle has rows, so an empty range is a clean 404; a failure later aborts the stream,
 * and the missing manifest line makes the truncated download fail verification.
 */
export async function ndjsonBundleResponse(run: (sink: ExportSink) => Promise<Manifest>, now: Date): Promise<Response> {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = writable.getWriter();
  const enc = new TextEncoder();
  let started!: () => void;
  const firstWrite = new Promise<void>((resolve) => {
    started = resolve;
  });
  const done = run({
    keys: async (jwks) => {
      started();
      await writer.write(enc.encode(`${ndjsonFirstLine(jwks)}\n`));
    },
    event: (line) => writer.write(enc.encode(`${line}\n`)),
  }).then(async (manifest) => {
    await writer.write(enc.encode(`${canonicalJson({ manifest })}\n`));
    await writer.close();
  });
  done.catch((err: unknown) => writer.abort(err).catch(() => undefined));
  try {
    await Promise.race([firstWrite, done]);
  } catch (err) {
    if (err instanceof EmptyRangeError) throw new AppError("not_found", err.message);
    throw err;
  }
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  return new Response(readable, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="scrutin-audit-${stamp}.ndjson"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
