import type { FastifyRequest } from 'fastify';
import { LIMITS } from '../../shared/limits.js';
import { EVENT_TYPES, type EventType, type WireEvent } from '../../shared/wire.js';
import { eventSchemas } from '../schemas/events.js';

/** Bounded reason classes: the metrics label, and whether the event is kept in bad_rows. */
export type RejectClass = 'invalid' | 'too_large' | 'consent_not_granted' | 'gpc';

export interface Rejection {
  index: number;
  id?: string;
  reason: string;
  class: RejectClass;
  /** Only for events kept in bad_rows (validation failures), never for consent refusals. */
  excerpt?: string;
  visitorId?: string;
}

export interface IndexedEvent {
  index: number;
  event: WireEvent;
}

const EXCERPT_CHARS = 1024;

const shortString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value.slice(0, LIMITS.shortLength) : undefined;

function reject(index: number, raw: unknown, json: string, reason: string, cls: RejectClass): Rejection {
  const record = (raw ?? {}) as Record<string, unknown>;
  const id = shortString(record.id);
  const visitorId = shortString(record.visitor_id);
  return {
    index,
    ...(id === undefined ? {} : { id }),
    reason,
    class: cls,
    excerpt: json.slice(0, EXCERPT_CHARS),
    ...(visitorId === undefined ? {} : { visitorId }),
  };
}

/**
 * Validate each event on its own against the schema of its type (Fastify's validator, compiled
 * once per route and cached), so a batch keeps its good events. Reasons name the field the way
 * Fastify does for whole bodies: `body/events/3/ts must be number`.
 */
export function sortEvents(
  request: FastifyRequest,
  events: unknown[],
): { valid: IndexedEvent[]; rejected: Rejection[] } {
  const valid: IndexedEvent[] = [];
  const rejected: Rejection[] = [];
  // A body no larger than one event's limit cannot hold an event over it: skip measuring each.
  const length = Number(request.headers['content-length']);
  const measure = !(length <= LIMITS.eventBytes);
  events.forEach((raw, index) => {
    const at = `body/events/${index}`;
    let serialised: string | undefined;
    // Serialised only when needed: to measure a possibly large event, or to keep a rejected one.
    const json = () => {
      serialised ??= JSON.stringify(raw) ?? 'null';
      return serialised;
    };
    if (measure && Buffer.byteLength(json()) > LIMITS.eventBytes) {
      rejected.push(
        reject(index, raw, json(), `${at} is larger than ${LIMITS.eventBytes} bytes`, 'too_large'),
      );
      return;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      rejected.push(reject(index, null, json(), `${at} must be object`, 'invalid'));
      return;
    }
    const type = (raw as { type?: unknown }).type;
    if (!EVENT_TYPES.includes(type as EventType)) {
      rejected.push(
        reject(
          index,
          raw,
          json(),
          `${at}/type must be equal to one of the allowed values: ${EVENT_TYPES.join(', ')}`,
          'invalid',
        ),
      );
      return;
    }
    const validate = request.compileValidationSchema(eventSchemas[type as EventType]);
    if (validate(raw)) {
      valid.push({ index, event: raw as WireEvent });
      return;
    }
    const error = validate.errors?.[0];
    const reason = `${at}${error?.instancePath ?? ''} ${error?.message ?? 'is invalid'}`;
    rejected.push(reject(index, raw, json(), reason, 'invalid'));
  });
  return { valid, rejected };
}
