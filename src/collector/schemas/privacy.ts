import { LIMITS } from '../../shared/limits.js';
import { VISITOR_ID_PATTERN } from '../privacy/rights.js';
import { CORRECTABLE_COLUMNS } from '../store/types.js';
import { string } from './common.js';

const visitorId = { type: 'string', pattern: VISITOR_ID_PATTERN.source };

/** `{ visitor_id }`: the id travels in the body, never in a URL that access logs would keep. */
export const visitorRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['visitor_id'],
  properties: { visitor_id: visitorId },
};

export const correctionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['visitor_id', 'set'],
  properties: {
    visitor_id: visitorId,
    set: {
      type: 'object',
      minProperties: 1,
      // Refused, not dropped: silently ignoring a column the operator meant to fix would mislead.
      propertyNames: { enum: [...CORRECTABLE_COLUMNS] },
      additionalProperties: false,
      properties: Object.fromEntries(
        CORRECTABLE_COLUMNS.map((c) => [c, { anyOf: [string(LIMITS.urlLength), { type: 'null' }] }]),
      ),
    },
  },
};

export const purgeSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {},
};
