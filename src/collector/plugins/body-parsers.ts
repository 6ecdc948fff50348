import type { FastifyPluginAsync } from 'fastify';
import { LIMITS } from '../../shared/limits.js';
import { skipOverride } from './skip-override.js';

/**
 * Beacons arrive as `text/plain;charset=UTF-8` (no CORS preflight, DESIGN.md "Wire format v1"),
 * so text/plain bodies are parsed as JSON, with the same parser and the same `__proto__` /
 * `constructor` rejection as application/json. Any other content type stays unparsed → 415.
 */
export const bodyParsersPlugin = skipOverride('consentlog-body-parsers', (async (app) => {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  for (const type of ['application/json', 'text/plain']) {
    app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: LIMITS.bodyBytes }, parseJson);
  }
}) as FastifyPluginAsync);
