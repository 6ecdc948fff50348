import { CATEGORY_PATTERN } from '../../shared/categories.js';
import { LIMITS } from '../../shared/limits.js';
import { EVENT_TYPES, type EventBatch, type EventsReply, type WireEvent } from '../../shared/wire.js';
import { type JsonSchema, requiredList, string } from './common.js';

const short = string(LIMITS.shortLength);
const text = string(LIMITS.textLength);

/** One schema per WireEvent field: `satisfies` fails the build when the wire type gains or loses one. */
const eventProperties = {
  // maxLength 36 also refuses the `urn:uuid:` prefix that ajv's uuid format lets through.
  id: { type: 'string', format: 'uuid', maxLength: 36 },
  type: { type: 'string', enum: EVENT_TYPES },
  category: { type: 'string', pattern: CATEGORY_PATTERN.source },
  ts: { type: 'number', minimum: 0 },
  url: string(LIMITS.urlLength, 1),
  referrer: string(LIMITS.urlLength),
  title: text,
  language: short,
  screen: short,
  timezone: short,
  visitor_id: short,
  session_id: short,
  consent_id: short,
  policy_revision: short,
  name: short,
  props: {
    type: 'object',
    maxProperties: LIMITS.propsCount,
    propertyNames: { maxLength: LIMITS.propKeyLength },
    // Flat values only (PropValue); maxLength applies to the string case.
    additionalProperties: {
      type: ['string', 'number', 'boolean', 'null'],
      maxLength: LIMITS.propValueLength,
    },
  },
  utm_source: text,
  utm_medium: text,
  utm_campaign: text,
  utm_term: text,
  utm_content: text,
  click_id: text,
  metric: short,
  value: { type: 'number' },
  rating: short,
} satisfies Record<keyof WireEvent, JsonSchema>;

const eventSchema = {
  type: 'object',
  // With ajv's removeAdditional, unknown fields are dropped, not refused: newer clients still land.
  additionalProperties: false,
  required: requiredList<WireEvent>({ id: true, type: true, category: true, ts: true, url: true }),
  properties: eventProperties,
};

export const eventBatchSchema = {
  type: 'object',
  additionalProperties: false,
  required: requiredList<EventBatch>({ v: true, site: true, events: true }),
  properties: {
    v: { const: 1 },
    site: string(LIMITS.shortLength, 1),
    events: { type: 'array', minItems: 1, maxItems: LIMITS.eventsPerBatch, items: eventSchema },
  } satisfies Record<keyof EventBatch, JsonSchema>,
};

export const eventsReplySchema = {
  type: 'object',
  properties: {
    accepted: { type: 'integer' },
    duplicates: { type: 'integer' },
    rejected: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'string' }, index: { type: 'integer' }, reason: { type: 'string' } },
      },
    },
  } satisfies Record<keyof EventsReply, JsonSchema>,
};
