import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventBatch } from '../../../../src/shared/index.js';
import { makeBatch, makeEvent } from '../../../helpers/collector-app.js';
import { type RunningCollector, startCollector } from '../../../helpers/collector-process.js';

// These drive the BUILT collector (`npm run build` first; `npm test` does it).
let collector: RunningCollector | undefined;
afterEach(async () => {
  await collector?.stop('SIGKILL');
  collector = undefined;
});

// The admin token is generated next to the temp database, and removed with it.
const ARGS = ['--rate-limit', '0'];

function storedIds(db: string): Set<string> {
  // Read-write open: replays the WAL a killed process left behind, as the next start would.
  const conn = new Database(db);
  try {
    return new Set(conn.prepare('SELECT id FROM access_log').pluck().all() as string[]);
  } finally {
    conn.close();
  }
}

const batchOf10 = (): EventBatch => makeBatch(Array.from({ length: 10 }, () => makeEvent()));

async function send(url: string, batch: EventBatch): Promise<number> {
  try {
    const res = await fetch(`${url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(batch),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0; // connection refused or reset: not acknowledged
  }
}

// The default set-up (sync full, WAL checkpoints in a background thread), and synchronous=NORMAL
// with a commit window: kill -9 must not lose what NORMAL acknowledged either.
describe.each([
  ['default', ARGS],
  ['--sync normal --commit-window 2', [...ARGS, '--sync', 'normal', '--commit-window', '2']],
])('durability of the collector process (%s)', (_name, args) => {
  it('after kill -9 during a load of 3000 events, every acknowledged event is stored', async () => {
    collector = await startCollector(args);
    const { url, db } = collector;
    const acked: string[] = [];
    let sent = 0;
    let killed = false;
    const worker = async () => {
      while (sent < 300) {
        sent++;
        const batch = batchOf10();
        const status = await send(url, batch);
        if (status === 200) acked.push(...batch.events.map((e) => e.id));
        if (!killed && acked.length >= 1500) {
          killed = true;
          collector?.process.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(killed).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(acked.length).toBeGreaterThanOrEqual(1500);
    const stored = storedIds(db);
    const missing = acked.filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
  }, 60_000);

  it('on SIGTERM stops accepting, finishes in-flight batches, closes the database, exits 0', async () => {
    collector = await startCollector(args);
    const { url, db } = collector;
    const batches = Array.from({ length: 150 }, batchOf10);
    let terminatedAfter = -1;
    let answered = 0;
    const results = batches.map((b) =>
      send(url, b).then((status) => {
        answered++;
        if (terminatedAfter < 0 && status === 200) {
          terminatedAfter = answered;
          collector?.process.kill('SIGTERM');
        }
        return status;
      }),
    );
    const exit = new Promise<number | null>((resolve) => collector?.process.once('exit', resolve));
    const statuses = await Promise.all(results);
    expect(await exit).toBe(0);
    const ok = statuses.filter((s) => s === 200).length;
    // Batches already in flight when the signal came were finished, not cut off.
    expect(ok).toBeGreaterThan(terminatedAfter);
    expect(statuses.every((s) => s === 200 || s === 503 || s === 0)).toBe(true);
    const stored = storedIds(db);
    batches.forEach((b, i) => {
      if (statuses[i] === 200) for (const e of b.events) expect(stored.has(e.id)).toBe(true);
    });
    // Closed cleanly: the WAL was checkpointed and removed by the last connection's close (the
    // checkpointer thread closed its connection first).
    expect(existsSync(`${db}-wal`)).toBe(false);
    const conn = new Database(db, { readonly: true });
    expect(conn.pragma('journal_mode', { simple: true })).toBe('wal');
    conn.close();
  }, 60_000);
});
