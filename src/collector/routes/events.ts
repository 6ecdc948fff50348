import type { FastifyPluginAsync } from 'fastify';
import { LIMITS, PATHS } from '../../shared/limits.js';
import type { EventBatch, EventsReply } from '../../shared/wire.js';
import { enrichEvent } from '../enrich/enrich.js';
import type { ErrorReply } from '../errors.js';
import { eventBatchSchema, eventsReplySchema } from '../schemas/events.js';
import type { BadRow } from '../store/types.js';
import { consentRefusals } from './consent-check.js';
import { type ContextDeps, requestContext } from './context.js';
import { type Rejection, sortEvents } from './sort-events.js';

export type EventsRouteOptions = ContextDeps;

/** The 400/413 answer when no event of the batch is valid: the error, and every event named. */
type NoValidEvent = ErrorReply & { rejected: EventsReply['rejected'] };

const toBadRow = (r: Rejection, site: string, receivedAt: number): BadRow => ({
  received_at: receivedAt,
  site,
  event_id: r.id ?? null,
  visitor_id: r.visitorId ?? null,
  reason: r.reason,
  excerpt: r.excerpt ?? '',
});

/** The whole body as a bad row, when its envelope (`v`, `site`, `events`) is invalid. */
function envelopeBadRow(body: unknown, reason: string): BadRow {
  const site = (body as { site?: unknown } | null)?.site;
  return {
    received_at: Date.now(),
    site: typeof site === 'string' ? site.slice(0, LIMITS.shortLength) : null,
    event_id: null,
    visitor_id: null,
    reason,
    excerpt: (JSON.stringify(body) ?? '').slice(0, 1024),
  };
}

const toReply = ({ index, id, reason }: Rejection) =>
  id === undefined ? { index, reason } : { index, id, reason };

/**
 * `POST /v1/events`: validate each event → check consent → enrich → store, and answer only after
 * the batch is committed, so a 200 means the client may forget the events. Invalid events are kept
 * in bad_rows and named in the reply; resent ids count as duplicates (idempotent store). When no
 * event of the batch is valid the answer is a 400 (413 when all were too large) naming the first.
 */
export const eventsRoute: FastifyPluginAsync<EventsRouteOptions> = async (app, opts) => {
  app.post<{ Body: EventBatch; Reply: EventsReply | NoValidEvent }>(
    PATHS.events,
    {
      bodyLimit: LIMITS.bodyBytes,
      // A bad envelope is kept as a bad row before the 400, like a bad event.
      attachValidation: true,
      schema: { body: eventBatchSchema, response: { 200: eventsReplySchema } },
    },
    async (request, reply) => {
      if (request.validationError) {
        await app.store.insertBadRows([envelopeBadRow(request.body, request.validationError.message)]);
        throw request.validationError;
      }
      const batch = request.body;
      const metrics = app.metrics;
      metrics.inc('consentlog_events_received_total', {}, batch.events.length);
      const { valid, rejected } = sortEvents(request, batch.events);
      const { kept, refused } = await consentRefusals(app.store, valid, request.headers['sec-gpc'] === '1');
      const context = await requestContext(request, batch.site, opts);
      const rows = kept.map(({ event }) => enrichEvent(event, context));
      const [result] = await Promise.all([
        app.store.insertEvents(rows),
        app.store.insertBadRows(rejected.map((r) => toBadRow(r, batch.site, context.receivedAt))),
      ]);
      const all = [...rejected, ...refused].sort((a, b) => a.index - b.index);
      for (const r of all) metrics.inc('consentlog_events_rejected_total', { reason: r.class });
      metrics.inc('consentlog_events_stored_total', {}, result.inserted);
      metrics.inc('consentlog_events_duplicate_total', {}, result.duplicates);
      if (!valid.length) {
        const tooLarge = rejected.every((r) => r.class === 'too_large');
        return reply.code(tooLarge ? 413 : 400).send({
          error: tooLarge ? 'COLLECT_ERR_EVENT_TOO_LARGE' : 'COLLECT_ERR_VALIDATION',
          message: rejected[0]?.reason ?? 'no valid event',
          rejected: all.map(toReply),
        });
      }
      return { accepted: result.inserted, duplicates: result.duplicates, rejected: all.map(toReply) };
    },
  );
};
