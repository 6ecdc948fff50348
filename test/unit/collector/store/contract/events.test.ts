import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { ACCESS_LOG_COLUMNS, type AccessLogRow } from '../../../../../src/shared/index.js';
import { forEachStore } from './backends.js';
import { collect, makeRow } from './rows.js';

const NOV_2026 = Date.UTC(2026, 10, 15);
const JAN_2027 = Date.UTC(2027, 0, 10);

forEachStore('Store contract: inserting events', (store) => {
  it('stores every column and returns it unchanged in an export', async () => {
    const full = makeRow(
      Object.fromEntries(ACCESS_LOG_COLUMNS.map((c) => [c, `v-${c}`])) as unknown as Partial<AccessLogRow>,
    );
    Object.assign(full, {
      id: randomUUID(),
      received_at: 2,
      ts: 1,
      is_bot: 1,
      self_referral: 1,
      value: 0.25,
      props: '{"a":1}',
    });
    expect(await store().insertEvents([full])).toEqual({ inserted: 1, duplicates: 0 });
    const rows = await collect(store().exportRows({}));
    expect(rows).toEqual([full]);
    expect(Object.keys(rows[0] ?? {})).toEqual([...ACCESS_LOG_COLUMNS]);
  });

  it('stores an id once, within a batch and across batches', async () => {
    const a = makeRow();
    expect(await store().insertEvents([a, { ...a }, makeRow()])).toEqual({ inserted: 2, duplicates: 1 });
    expect(await store().insertEvents([a])).toEqual({ inserted: 0, duplicates: 1 });
    expect(await store().insertEvents([])).toEqual({ inserted: 0, duplicates: 0 });
    expect(await collect(store().exportRows({}))).toHaveLength(2);
  });

  it('stores an id once even when a repeat carries a time in another month', async () => {
    // The event time picks the partition in PostgreSQL; the id must still be unique across them.
    const first = makeRow({ ts: NOV_2026, received_at: NOV_2026 });
    expect(await store().insertEvents([first])).toEqual({ inserted: 1, duplicates: 0 });
    const repeat = { ...first, ts: JAN_2027, received_at: JAN_2027, title: 'changed' };
    expect(await store().insertEvents([repeat])).toEqual({ inserted: 0, duplicates: 1 });
    expect(await store().insertEvents([makeRow({ ts: JAN_2027 }), { ...repeat, ts: 5 }])).toEqual({
      inserted: 1,
      duplicates: 1,
    });
    const rows = await collect(store().exportRows({}));
    expect(rows.filter((r) => r.id === first.id)).toEqual([first]);
    expect(rows).toHaveLength(2);
  });

  it('stores each id once when the same batches arrive concurrently', async () => {
    const batches = Array.from({ length: 6 }, (_, b) =>
      Array.from({ length: 20 }, (_, i) => makeRow({ ts: NOV_2026 + b * 1000 + i, path: `/${b}` })),
    );
    const results = await Promise.all(
      [...batches, ...batches.slice().reverse()].map((b) => store().insertEvents(b)),
    );
    expect(results.reduce((n, r) => n + r.inserted, 0)).toBe(120);
    expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(120);
    const ids = (await collect(store().exportRows({}))).map((r) => r.id);
    expect(new Set(ids).size).toBe(120);
    expect(ids).toHaveLength(120);
  });

  it('counts a duplicate against the request that sent it second, when requests share a commit', async () => {
    const shared = makeRow();
    const [a, b] = await Promise.all([
      store().insertEvents([shared, makeRow()]),
      store().insertEvents([{ ...shared }, makeRow(), makeRow()]),
    ]);
    expect(a).toEqual({ inserted: 2, duplicates: 0 });
    expect(b).toEqual({ inserted: 2, duplicates: 1 });
  });
});
