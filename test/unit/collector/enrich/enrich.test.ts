import { describe, expect, it } from 'vitest';
import { enrichEvent, type RequestContext } from '../../../../src/collector/enrich/enrich.js';
import { referrerDomain, urlParts } from '../../../../src/collector/enrich/url.js';
import { parseUserAgent } from '../../../../src/collector/enrich/user-agent.js';
import { ACCESS_LOG_COLUMNS } from '../../../../src/shared/index.js';
import { makeEvent } from '../../../helpers/collector-app.js';

describe('url parts', () => {
  it('splits host (no port) and path; referrer hostname', () => {
    expect(urlParts('http://localhost:8080/a/b?x=1#h')).toEqual({ host: 'localhost', path: '/a/b' });
    expect(urlParts('not a url')).toEqual({ host: null, path: null });
    expect(referrerDomain('https://News.Ycombinator.com/item?id=1')).toBe('news.ycombinator.com');
    expect(referrerDomain('')).toBeNull();
    expect(referrerDomain(undefined)).toBeNull();
  });
});

describe('enrichEvent', () => {
  const ctx: RequestContext = {
    site: 'shop',
    receivedAt: 42,
    userAgent: 'x'.repeat(600),
    ua: parseUserAgent(undefined),
    ip: '10.0.0.0',
  };

  it('fills every access-log column, copying the wire fields', () => {
    const event = makeEvent({
      id: 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE',
      type: 'vital',
      category: 'performance',
      metric: 'LCP',
      value: 1234.5,
      rating: 'good',
      utm_source: 'newsletter',
      visitor_id: 'v',
      session_id: 's',
    });
    const row = enrichEvent(event, ctx);
    expect(Object.keys(row).sort()).toEqual([...ACCESS_LOG_COLUMNS].sort());
    expect(row).toMatchObject({
      id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
      received_at: 42,
      site: 'shop',
      type: 'vital',
      category: 'performance',
      metric: 'LCP',
      value: 1234.5,
      rating: 'good',
      utm_source: 'newsletter',
      visitor_id: 'v',
      session_id: 's',
      ip: '10.0.0.0',
      props: null,
      referrer_domain: null,
    });
    expect(row.user_agent).toHaveLength(512);
  });

  it('rates a vital the browser sent without a rating, with web-vitals thresholds', () => {
    const row = (metric: string, value: number, rating?: string) =>
      enrichEvent(makeEvent({ type: 'vital', category: 'performance', metric, value, rating }), ctx).rating;
    expect(row('LCP', 2500)).toBe('good');
    expect(row('LCP', 2501)).toBe('needs-improvement');
    expect(row('INP', 501)).toBe('poor');
    expect(row('CLS', 0.1)).toBe('good');
    expect(row('CLS', 0.26)).toBe('poor');
    expect(row('TTFB', 900)).toBe('needs-improvement');
    expect(row('FCP', 3001)).toBe('poor');
    // A rating sent by an older script is kept; an unknown metric gets none.
    expect(row('LCP', 9000, 'good')).toBe('good');
    expect(row('XYZ', 1)).toBeNull();
    expect(enrichEvent(makeEvent({ type: 'pageview' }), ctx).rating).toBeNull();
  });
});
