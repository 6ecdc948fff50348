import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyClientHints, parseBrandList } from '../../../../src/collector/enrich/client-hints.js';
import { isSelfReferral } from '../../../../src/collector/enrich/url.js';
import { parseUserAgent } from '../../../../src/collector/enrich/user-agent.js';
import type { AccessLogRow } from '../../../../src/shared/index.js';
import {
  makeBatch,
  makeEvent,
  post,
  startTestCollector,
  type TestCollector,
} from '../../../helpers/collector-app.js';
import { UA_FIXTURES, USER_AGENTS } from '../../../helpers/user-agents.js';

// Every acknowledged write waits for an fsync; on a busy shared disk that takes tens of ms.
vi.setConfig({ testTimeout: 30_000 });

describe('User-Agent fixtures', () => {
  for (const [ua, want] of UA_FIXTURES) {
    it(`${want.browser ?? want.device}: ${ua.slice(0, 60)}…`, () => {
      expect(parseUserAgent(ua)).toMatchObject(want);
    });
  }
});

describe('Client Hints', () => {
  it('parse a brand list', () => {
    expect(parseBrandList('"Chromium";v="126", "Not.A/Brand";v="24", "Google Chrome";v="126"')).toEqual([
      ['Chromium', '126'],
      ['Not.A/Brand', '24'],
      ['Google Chrome', '126'],
    ]);
  });

  it('refine a frozen Chrome UA: full version, platform, mobile', () => {
    const frozen = parseUserAgent(USER_AGENTS.chromeWindows);
    expect(frozen.browser_version).toBe('126.0.0.0');
    const hinted = applyClientHints(frozen, {
      'sec-ch-ua-full-version-list':
        '"Not/A)Brand";v="8.0.0.0", "Chromium";v="126.0.6478.127", "Google Chrome";v="126.0.6478.127"',
      'sec-ch-ua-platform': '"Linux"',
      'sec-ch-ua-mobile': '?0',
    });
    expect(hinted).toMatchObject({
      browser: 'Chrome',
      browser_version: '126.0.6478.127',
      os: 'Linux',
      device: 'desktop',
    });
    const edge = applyClientHints(frozen, {
      'sec-ch-ua': '"Microsoft Edge";v="126", "Chromium";v="126"',
      'sec-ch-ua-mobile': '?1',
    });
    expect(edge).toMatchObject({ browser: 'Microsoft Edge', browser_version: '126', device: 'mobile' });
    // Bots keep what their UA says: hints are easy to forge.
    const bot = parseUserAgent(USER_AGENTS.googlebot);
    expect(applyClientHints(bot, { 'sec-ch-ua-mobile': '?1' })).toEqual(bot);
  });

  it('are part of the parse cache key: one UA with different hints, then none, parses each way', () => {
    const ua = USER_AGENTS.chromeWindows;
    const edge = { 'sec-ch-ua': '"Microsoft Edge";v="126", "Chromium";v="126"', 'sec-ch-ua-mobile': '?1' };
    const linux = { 'sec-ch-ua': '"Google Chrome";v="127"', 'sec-ch-ua-platform': '"Linux"' };
    for (let round = 0; round < 2; round++) {
      expect(parseUserAgent(ua, edge)).toMatchObject({ browser: 'Microsoft Edge', device: 'mobile' });
      expect(parseUserAgent(ua, linux)).toMatchObject({
        browser: 'Chrome',
        browser_version: '127',
        os: 'Linux',
      });
      expect(parseUserAgent(ua, {})).toMatchObject({ browser: 'Chrome', browser_version: '126.0.0.0' });
      expect(parseUserAgent(ua, {}).os).toBe('Windows');
    }
  });
});

describe('self-referrals', () => {
  it('compare registrable domains with the public-suffix list', () => {
    expect(isSelfReferral('shop.example.com', 'shop.example.com')).toBe(true);
    expect(isSelfReferral('www.shop.co.uk', 'blog.shop.co.uk')).toBe(true);
    expect(isSelfReferral('a.github.io', 'b.github.io')).toBe(false);
    expect(isSelfReferral('shop.example.com', 'www.google.com')).toBe(false);
    expect(isSelfReferral('shop.example.com', null)).toBe(false);
  });
});

describe('enrichment through the collector', () => {
  let c: TestCollector;
  beforeEach(async () => {
    c = await startTestCollector();
  });
  afterEach(async () => {
    await c.close();
  });

  it('stores browser, version, OS, device, bot flag, host, referrer domain and self-referral', async () => {
    const internal = makeEvent({
      ts: 1,
      referrer: 'https://www.example.com/',
      url: 'https://shop.example.com/a',
    });
    const external = makeEvent({ ts: 2, referrer: 'https://news.ycombinator.com/item?id=1' });
    await post(`${c.url}/v1/events`, makeBatch([internal, external]), {
      'content-type': 'text/plain',
      'user-agent': USER_AGENTS.chromeWindows,
      'sec-ch-ua-full-version-list': '"Chromium";v="126.0.6478.127", "Google Chrome";v="126.0.6478.127"',
      'sec-ch-ua-platform': '"Windows"',
    });
    await post(`${c.url}/v1/events`, makeBatch([makeEvent({ ts: 3 })]), {
      'content-type': 'text/plain',
      'user-agent': USER_AGENTS.googlebot,
    });
    const db = new Database(c.db, { readonly: true });
    const rows = db.prepare('SELECT * FROM access_log ORDER BY ts').all() as AccessLogRow[];
    db.close();
    expect(rows[0]).toMatchObject({
      browser: 'Chrome',
      browser_version: '126.0.6478.127',
      os: 'Windows',
      device: 'desktop',
      is_bot: 0,
      host: 'shop.example.com',
      referrer_domain: 'www.example.com',
      self_referral: 1,
      network_domain: null,
    });
    expect(rows[1]).toMatchObject({ referrer_domain: 'news.ycombinator.com', self_referral: 0 });
    expect(rows[2]).toMatchObject({ is_bot: 1, device: 'bot' });
  });
});
