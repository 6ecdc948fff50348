import { CATEGORY_PATTERN } from '../../shared/categories.js';
import { LIMITS } from '../../shared/limits.js';
import { CONSENT_METHODS, type ConsentDecision } from '../../shared/wire.js';
import { type JsonSchema, requiredList, string } from './common.js';

const short = string(LIMITS.shortLength);

const consentProperties = {
  v: { const: 1 },
  site: string(LIMITS.shortLength, 1),
  consent_id: string(LIMITS.shortLength, 1),
  previous_consent_id: short,
  policy_revision: string(LIMITS.shortLength, 1),
  choices: {
    type: 'object',
    maxProperties: 32,
    propertyNames: { pattern: CATEGORY_PATTERN.source },
    additionalProperties: { type: 'boolean' },
  },
  method: { type: 'string', enum: CONSENT_METHODS },
  ts: { type: 'number', minimum: 0 },
  language: short,
  url: string(LIMITS.urlLength, 1),
  texts_hash: short,
  // Kept once per version in consent_texts, under texts_hash.
  texts: {
    type: 'object',
    maxProperties: 64,
    propertyNames: { maxLength: LIMITS.shortLength },
    additionalProperties: string(8 * LIMITS.textLength),
  },
} satisfies Record<keyof ConsentDecision, JsonSchema>;

export const consentDecisionSchema = {
  type: 'object',
  additionalProperties: false,
  required: requiredList<ConsentDecision>({
    v: true,
    site: true,
    consent_id: true,
    policy_revision: true,
    choices: true,
    method: true,
    ts: true,
    language: true,
    url: true,
  }),
  properties: consentProperties,
};

/** What `POST /v1/consent` answers: the decision was stored now (1/0) or already (0/1). */
export interface ConsentReply {
  accepted: number;
  duplicates: number;
}

export const consentReplySchema = {
  type: 'object',
  properties: { accepted: { type: 'integer' }, duplicates: { type: 'integer' } } satisfies Record<
    keyof ConsentReply,
    JsonSchema
  >,
};
