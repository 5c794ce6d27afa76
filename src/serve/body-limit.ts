import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../contract/errors.js";

/**
 * Hono's bodyLimit, with the common case decided from the headers alone. Hono's middleware
 * asks `c.req.raw.body` first, which on @hono/node-server turns its lazy request into a
 * full WHATWG Request (undici object, web stream over the socket): about a tenth of the
 * server's CPU per chat turn. A declared Content-Length without Transfer-Encoding is
 * enforced by Node's HTTP parser (the body is read up to that length, never beyond), so
 * the header is the size; bodiless methods have nothing to count. Anything else (a chunked
 * upload) goes through Hono's counting reader.
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  const tooLarge = () => {
    throw new AppError("payload_too_large", `The request body exceeds ${maxBytes} bytes.`);
  };
  const counting = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD" || method === "OPTIONS") return next();
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined && /^\d+$/.test(length.trim())) {
      if (Number(length) > maxBytes) tooLarge();
      return next();
    }
    return counting(c, next);
  };
}
