/**
 * One error taxonomy for the whole service. Each code maps to an HTTP status and
 * says whether its message may be shown to the caller (internal details never are).
 */
export const ERROR_CODES = {
  invalid_request: { status: 400, expose: true },
  invalid_json: { status: 400, expose: true },
  unsupported_media_type: { status: 415, expose: true },
  payload_too_large: { status: 413, expose: true },
  not_found: { status: 404, expose: true },
  unauthorized: { status: 401, expose: true },
  forbidden: { status: 403, expose: true },
  conflict: { status: 409, expose: true },
  rate_limited: { status: 429, expose: true },
  not_acceptable: { status: 406, expose: true },
  unavailable: { status: 503, expose: true },
  timeout: { status: 504, expose: true },
  internal: { status: 500, expose: false },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  override readonly name = "AppError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function toErrorBody(err: AppError): ErrorBody {
  const expose = ERROR_CODES[err.code].expose;
  return {
    error: {
      code: err.code,
      message: expose ? err.message : "Internal error. The incident was logged.",
      ...(expose && err.details !== undefined ? { details: err.details } : {}),
    },
  };
}
