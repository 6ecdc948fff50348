import { describe, expect, it } from 'vitest';
import { readState, toParams, withFilter, writeState } from '../../../src/dashboard/state.js';

describe('the view in the URL', () => {
  it('reads what toParams writes, filters included', () => {
    const search =
      '?site=a.example&period=custom&from=2026-11-01&to=2026-11-07&tz=Asia%2FTokyo&page=%2Fp&browser=Firefox&bots=include';
    const state = readState(search);
    expect(state).toEqual({
      site: 'a.example',
      period: 'custom',
      from: '2026-11-01',
      to: '2026-11-07',
      tz: 'Asia/Tokyo',
      filters: { page: '/p', browser: 'Firefox' },
      bots: 'include',
    });
    expect(readState(`?${toParams(state).toString()}`)).toEqual(state);
  });

  it('falls back to 7 days and bots out; drops from/to unless the period is custom', () => {
    const state = readState('?period=forever&bots=maybe&from=2026-01-01');
    expect([state.period, state.bots]).toEqual(['7d', 'exclude']);
    expect(toParams(state).has('from')).toBe(false);
  });

  it('sets and clears one filter without touching the others', () => {
    const state = readState('?page=%2Fa&campaign=spring');
    expect(withFilter(state, 'page', undefined).filters).toEqual({ campaign: 'spring' });
    expect(withFilter(state, 'referrer', '(direct)').filters).toEqual({
      page: '/a',
      campaign: 'spring',
      referrer: '(direct)',
    });
  });

  it('pushes a history entry per view and keeps the live refresh interval', () => {
    history.replaceState(null, '', '/dashboard/?refresh=2');
    const length = history.length;
    writeState(withFilter(readState(), 'page', '/x'));
    expect(history.length).toBe(length + 1);
    const q = new URLSearchParams(location.search);
    expect([q.get('page'), q.get('refresh')]).toEqual(['/x', '2']);
  });
});
