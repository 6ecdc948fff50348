import type { FastifyServerOptions } from 'fastify';

export interface LoggerOptions {
  /** pino level; `info` in `serve`. */
  level?: string;
  /** Where JSON log lines go; `serve` uses stderr so stdout carries only its own lines. */
  stream?: NodeJS.WritableStream;
}

/**
 * pino options that never log a client IP, headers or query strings (tokens travel in those):
 * a request is logged as its method and path only.
 */
export function loggerOptions(opts: LoggerOptions | false | undefined): FastifyServerOptions['logger'] {
  if (!opts) return false;
  return {
    level: opts.level ?? 'info',
    ...(opts.stream ? { stream: opts.stream } : {}),
    serializers: {
      req: (request: { method: string; url: string }) => ({
        method: request.method,
        url: request.url.split('?')[0],
      }),
    },
  };
}
