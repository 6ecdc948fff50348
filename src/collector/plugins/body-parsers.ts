import type { FastifyPluginAsync } from 'fastify';
import { LIMITS } from '../../shared/limits.js';
import { CollectorError } from '../errors.js';
import { exceedsDepth } from './json-depth.js';
import { skipOverride } from './skip-override.js';

/** Batch → events → event → props: 4 levels are needed; a little room for newer clients. */
export const MAX_JSON_DEPTH = 6;

/**
 * Beacons arrive as `text/plain;charset=UTF-8` (no CORS preflight, DESIGN.md "Wire format v1"),
 * so text/plain bodies are parsed as JSON, with the same parser and the same `__proto__` /
 * `constructor` rejection as application/json. Any other content type stays unparsed → 415.
 * Compressed bodies are refused (415): a small gzip body can inflate far past the body limit,
 * and browsers never compress beacons anyway.
 */
export const bodyParsersPlugin = skipOverride('consentlog-body-parsers', (async (app) => {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  for (const type of ['application/json', 'text/plain']) {
    app.addContentTypeParser(
      type,
      { parseAs: 'string', bodyLimit: LIMITS.bodyBytes },
      (request, body, done) => {
        if (exceedsDepth(body as string, MAX_JSON_DEPTH)) {
          done(
            new CollectorError('COLLECT_ERR_TOO_DEEP', `body nests deeper than ${MAX_JSON_DEPTH} levels`),
            undefined,
          );
          return;
        }
        parseJson(request, body as string, done);
      },
    );
  }
  app.addHook('onRequest', async (request) => {
    const encoding = request.headers['content-encoding'];
    if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
      throw new CollectorError(
        'COLLECT_ERR_UNSUPPORTED_ENCODING',
        `Content-Encoding ${encoding.slice(0, 40)} is not accepted: send the body uncompressed`,
      );
    }
  });
}) as FastifyPluginAsync);
