import { CATEGORY_PATTERN } from '../../shared/categories.js';
import { LIMITS } from '../../shared/limits.js';
import {
  EVENT_TYPES,
  type EventBatch,
  type EventsReply,
  type EventType,
  type WireEvent,
} from '../../shared/wire.js';
import { type JsonSchema, requiredList, string } from './common.js';

const short = string(LIMITS.shortLength);
const text = string(LIMITS.textLength);

/** One schema per WireEvent field: `satisfies` fails the build when the wire type gains or loses one. */
const eventProperties = {
  // maxLength 36 also refuses the `urn:uuid:` prefix that ajv's uuid format lets through.
  id: { type: 'string', format: 'uuid', maxLength: 36 },
  type: { type: 'string', enum: EVENT_TYPES },
  category: { type: 'string', pattern: CATEGORY_PATTERN.source },
  // JSON.parse reads 1e400 as Infinity: bound numbers to what a Date (and a column) can hold.
  ts: { type: 'number', minimum: 0, maximum: 8.64e15 },
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
  value: { type: 'number', minimum: -1e15, maximum: 1e15 },
  rating: short,
} satisfies Record<keyof WireEvent, JsonSchema>;

const baseRequired = requiredList<WireEvent>({ id: true, type: true, category: true, ts: true, url: true });

/** Fields a type cannot do without, beyond the common ones. */
const TYPE_REQUIRED: Record<EventType, (keyof WireEvent)[]> = {
  pageview: [],
  event: ['name'],
  vital: ['metric', 'value'],
  engagement: [],
};

/**
 * One schema per event type (issue 5), each validated on its own so one bad event does not sink
 * its batch. With ajv's removeAdditional, unknown fields are dropped, not refused: newer clients
 * still land.
 */
const schemaFor = (type: EventType): JsonSchema => ({
  type: 'object',
  additionalProperties: false,
  required: [...baseRequired, ...TYPE_REQUIRED[type]],
  properties: { ...eventProperties, type: { const: type } },
});

export const eventSchemas: Record<EventType, JsonSchema> = {
  pageview: schemaFor('pageview'),
  event: schemaFor('event'),
  vital: schemaFor('vital'),
  engagement: schemaFor('engagement'),
};

export const eventBatchSchema = {
  type: 'object',
  additionalProperties: false,
  required: requiredList<EventBatch>({ v: true, site: true, events: true }),
  properties: {
    v: { const: 1 },
    site: string(LIMITS.shortLength, 1),
    // Items are checked one by one in the route (eventSchemas), not here: see sortEvents.
    events: { type: 'array', minItems: 1, maxItems: LIMITS.eventsPerBatch },
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
