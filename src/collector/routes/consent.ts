import type { FastifyPluginAsync } from 'fastify';
import { LIMITS, PATHS } from '../../shared/limits.js';
import { textsHash } from '../../shared/texts-hash.js';
import type { ConsentDecision } from '../../shared/wire.js';
import { parseUserAgent } from '../enrich/user-agent.js';
import { CollectorError } from '../errors.js';
import { type ConsentReply, consentDecisionSchema, consentReplySchema } from '../schemas/consent.js';
import type { ConsentRow } from '../store/types.js';

/** Proof of consent keeps what the visitor decided and saw, not who they are: no IP, no full UA. */
export function consentRow(
  decision: ConsentDecision,
  userAgent: string | undefined,
  receivedAt: number,
): ConsentRow {
  return {
    received_at: receivedAt,
    ts: Math.round(decision.ts),
    site: decision.site,
    consent_id: decision.consent_id,
    previous_consent_id: decision.previous_consent_id ?? null,
    policy_revision: decision.policy_revision,
    choices: JSON.stringify(decision.choices),
    method: decision.method,
    language: decision.language,
    url: decision.url,
    texts_hash: decision.texts_hash ?? null,
    browser: parseUserAgent(userAgent).browser,
  };
}

/**
 * The texts the visitor saw, checked against the hash the browser computed over them (the same
 * function in src/shared), so a row's `texts_hash` always names texts we actually hold.
 */
export function checkedTexts(decision: ConsentDecision): { hash: string; json: string } | null {
  if (!decision.texts) return null;
  const hash = textsHash(decision.texts);
  if (decision.texts_hash !== undefined && decision.texts_hash !== hash) {
    throw new CollectorError(
      'COLLECT_ERR_VALIDATION',
      `body/texts_hash must be the hash of body/texts (${hash})`,
    );
  }
  return { hash, json: JSON.stringify(decision.texts) };
}

/**
 * `POST /v1/consent`: append one decision (rejections too) to the consent log, and keep the
 * version of the texts it was made on once.
 */
export const consentRoute: FastifyPluginAsync = async (app) => {
  app.post<{ Body: ConsentDecision; Reply: ConsentReply }>(
    PATHS.consent,
    {
      bodyLimit: LIMITS.bodyBytes,
      schema: { body: consentDecisionSchema, response: { 200: consentReplySchema } },
    },
    async (request) => {
      const texts = checkedTexts(request.body);
      const row = consentRow(request.body, request.headers['user-agent'], Date.now());
      if (texts) {
        row.texts_hash = texts.hash;
        await app.store.putConsentTexts(texts.hash, texts.json);
      }
      const { inserted, duplicates } = await app.store.insertConsent(row);
      return { accepted: inserted, duplicates };
    },
  );
};
