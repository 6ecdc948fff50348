import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  makeBatch,
  makeEvent,
  post,
  startTestCollector,
  type TestCollector,
} from '../../../helpers/collector-app.js';

// Every acknowledged write waits for an fsync; on a busy shared disk that takes tens of ms.
vi.setConfig({ testTimeout: 30_000 });

let c: TestCollector | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

const count = (db: string): number => {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare('SELECT COUNT(*) FROM access_log').pluck().get() as number;
  } finally {
    conn.close();
  }
};

// Group commits at the end of each event-loop turn (default), and with a commit window
// (`serve --commit-window`), where a timer, not the turn, ends the group.
describe.each([
  ['end of turn', 0],
  ['2 ms commit window', 2],
])(
  'a store that cannot write answers 503 with Retry-After, never a silent drop (%s)',
  (_name, commitWindowMs) => {
    it('locked by another process: 503, then stored once the lock is gone', async () => {
      c = await startTestCollector({ sqlite: { busyTimeoutMs: 50, commitWindowMs } });
      const other = new Database(c.db);
      other.exec('BEGIN EXCLUSIVE');
      const batch = makeBatch([makeEvent(), makeEvent()]);
      const res = await post(`${c.url}/v1/events`, batch);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(await res.json()).toMatchObject({ error: 'COLLECT_ERR_UNAVAILABLE' });
      other.exec('ROLLBACK');
      other.close();
      expect(count(c.db)).toBe(0);
      // The client resends the same batch: stored exactly once.
      const again = await post(`${c.url}/v1/events`, batch);
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ accepted: 2, duplicates: 0 });
      expect(count(c.db)).toBe(2);
      const metrics = await (await fetch(`${c.url}/metrics`)).text();
      expect(metrics).toContain('consentlog_batches_total{status="503"} 1');
    });

    it('full (file capped as a full disk would): 503, and earlier rows intact', async () => {
      // Room for the empty schema (about 40 tables and indexes) plus some batches.
      c = await startTestCollector({ sqlite: { maxBytes: 400 * 1024, commitWindowMs } });
      let status = 200;
      let stored = 0;
      for (let i = 0; i < 200 && status === 200; i++) {
        const batch = makeBatch(Array.from({ length: 20 }, () => makeEvent({ title: 'x'.repeat(400) })));
        const res = await post(`${c.url}/v1/events`, batch);
        status = res.status;
        if (status === 200) stored += 20;
        else {
          expect(res.headers.get('retry-after')).toBe('5');
          expect(await res.json()).toMatchObject({ error: 'COLLECT_ERR_UNAVAILABLE' });
        }
      }
      expect(status).toBe(503);
      expect(stored).toBeGreaterThan(0);
      expect(count(c.db)).toBe(stored);
      expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
    });

    it('group commit: concurrent batches are all committed before their 200s', async () => {
      c = await startTestCollector({ sqlite: { commitWindowMs } });
      const batches = Array.from({ length: 40 }, () =>
        makeBatch(Array.from({ length: 10 }, () => makeEvent())),
      );
      const replies = await Promise.all(batches.map((b) => post(`${c?.url}/v1/events`, b)));
      expect(replies.map((r) => r.status)).toEqual(batches.map(() => 200));
      expect(count(c.db)).toBe(400);
    });
  },
);
