import type { FastifyPluginAsync } from 'fastify';
import { LIMITS, PATHS } from '../../shared/limits.js';
import type { EventBatch, EventsReply } from '../../shared/wire.js';
import { enrichEvent } from '../enrich/enrich.js';
import type { IpMode } from '../enrich/ip.js';
import { eventBatchSchema, eventsReplySchema } from '../schemas/events.js';
import { requestContext } from './context.js';

export interface EventsRouteOptions {
  ipMode: IpMode;
}

/**
 * `POST /v1/events`: validate → enrich → store, and answer only after the batch is committed, so
 * a 200 means the client may forget the events. Resent ids count as duplicates (idempotent store).
 */
export const eventsRoute: FastifyPluginAsync<EventsRouteOptions> = async (app, opts) => {
  app.post<{ Body: EventBatch; Reply: EventsReply }>(
    PATHS.events,
    { bodyLimit: LIMITS.bodyBytes, schema: { body: eventBatchSchema, response: { 200: eventsReplySchema } } },
    async (request) => {
      const batch = request.body;
      const context = requestContext(request, batch.site, opts.ipMode);
      const rows = batch.events.map((event) => enrichEvent(event, context));
      const { inserted, duplicates } = await app.store.insertEvents(rows);
      return { accepted: inserted, duplicates, rejected: [] };
    },
  );
};
