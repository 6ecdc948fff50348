import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Error codes the collector answers with, in the style of fastify's `lib/errors.js`
 * (STYLE.md §12). Clients may branch on `error`; `message` is for humans.
 */
export const ERRORS = {
  COLLECT_ERR_VALIDATION: 400,
  COLLECT_ERR_BAD_JSON: 400,
  COLLECT_ERR_BAD_REQUEST: 400,
  COLLECT_ERR_TOO_DEEP: 400,
  COLLECT_ERR_UNAUTHORIZED: 401,
  COLLECT_ERR_ORIGIN_FORBIDDEN: 403,
  COLLECT_ERR_CSRF: 403,
  COLLECT_ERR_NOT_FOUND: 404,
  COLLECT_ERR_BODY_TOO_LARGE: 413,
  COLLECT_ERR_EVENT_TOO_LARGE: 413,
  COLLECT_ERR_UNSUPPORTED_MEDIA_TYPE: 415,
  COLLECT_ERR_UNSUPPORTED_ENCODING: 415,
  COLLECT_ERR_RATE_LIMITED: 429,
  COLLECT_ERR_INTERNAL: 500,
  COLLECT_ERR_UNAVAILABLE: 503,
  COLLECT_ERR_NOT_IMPLEMENTED: 501,
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** The body of every error answer. */
export interface ErrorReply {
  error: ErrorCode;
  message: string;
  /** The request parameter at fault, when one is (dashboard query parameters). */
  field?: string;
}

/** Seconds a client should wait before resending after a 503. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * SQLite failures that are about the moment, not the data: another process holds the lock, the
 * disk (or the file's size cap) is full, the disk failed to write. The client should resend later:
 * 503 + Retry-After, never a silent drop and never a 500 that a client might not retry.
 */
export function isStoreUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|FULL|IOERR|CANTOPEN|READONLY)/.test(code);
}

export class CollectorError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly field: string | undefined;
  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'CollectorError';
    this.code = code;
    this.statusCode = ERRORS[code];
    this.field = field;
  }
}

/** Fastify's own 4xx codes, mapped to ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'COLLECT_ERR_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'COLLECT_ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'COLLECT_ERR_BAD_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'COLLECT_ERR_BAD_JSON',
};

/** Turn any thrown error into `{ error, message }`. Bad input is 4xx; only our own faults are 5xx. */
export function toErrorReply(
  err: FastifyError | CollectorError,
  contentType?: string,
): { status: number; body: ErrorReply } {
  if (err instanceof CollectorError) {
    const body: ErrorReply = { error: err.code, message: err.message };
    if (err.field) body.field = err.field;
    return { status: err.statusCode, body };
  }
  if (isStoreUnavailable(err)) {
    const message = 'The store is busy or full; nothing was stored. Retry later.';
    return { status: 503, body: { error: 'COLLECT_ERR_UNAVAILABLE', message } };
  }
  if ((err as FastifyError).validation) {
    return { status: 400, body: { error: 'COLLECT_ERR_VALIDATION', message: err.message } };
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = FASTIFY_CODES[err.code] ?? 'COLLECT_ERR_BAD_REQUEST';
    const message =
      code === 'COLLECT_ERR_UNSUPPORTED_MEDIA_TYPE'
        ? `Content-Type ${(contentType ?? '(none)').slice(0, 100)} is not accepted: send text/plain or application/json`
        : err.message;
    return { status, body: { error: code, message } };
  }
  // 5xx text may carry paths, SQL or stack details: log it, never send it (STYLE.md §12).
  return { status: 500, body: { error: 'COLLECT_ERR_INTERNAL', message: 'Internal Server Error' } };
}

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = toErrorReply(err, request.headers['content-type']);
    if (status === 503) {
      request.log.warn({ code: (err as { code?: string }).code }, 'store unavailable');
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    } else if (status >= 500) request.log.error({ err }, 'request failed');
    if (request.routeOptions.url === '/v1/events' && status !== 503) {
      request.server.metrics?.inc('consentlog_requests_rejected_total', { error: body.error });
    }
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorReply = {
      error: 'COLLECT_ERR_NOT_FOUND',
      message: `Route ${request.method} ${request.url.split('?')[0]} not found`,
    };
    return reply.code(404).send(body);
  });
}
