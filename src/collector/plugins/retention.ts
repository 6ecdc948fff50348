import type { FastifyPluginAsync } from 'fastify';
import { purgeExpired, type RetentionOptions } from '../privacy/retention.js';
import { skipOverride } from './skip-override.js';

export interface RetentionPluginOptions extends RetentionOptions {
  /** How often the purge runs; 0 never (tests, or a cron running `consentlog purge`). */
  purgeIntervalMs: number;
}

/** The daily purge: once shortly after start, then every interval; stopped when the app closes. */
export const retentionPlugin = skipOverride('consentlog-retention', (async (app, opts) => {
  if (!opts.purgeIntervalMs) return;
  const run = () => {
    purgeExpired(app.store, opts, 'system').then(
      (result) => app.log.info({ purged: result }, 'retention purge'),
      (err: unknown) => app.log.warn({ code: (err as { code?: string }).code }, 'retention purge failed'),
    );
  };
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    setImmediate(run);
    timer = setInterval(run, opts.purgeIntervalMs);
    timer.unref(); // never the reason the process stays alive
  });
  app.addHook('preClose', async () => clearInterval(timer));
}) as FastifyPluginAsync<RetentionPluginOptions>);
