import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ConsentDecision, textsHash } from '../../../../src/shared/index.js';
import { post, startTestCollector, type TestCollector } from '../../../helpers/collector-app.js';
import { USER_AGENTS } from '../../../helpers/user-agents.js';

let c: TestCollector;
beforeEach(async () => {
  c = await startTestCollector();
});
afterEach(async () => {
  await c.close();
});

const decision = (overrides: Partial<ConsentDecision> = {}): ConsentDecision => ({
  v: 1,
  site: 'shop',
  consent_id: randomUUID(),
  policy_revision: '2024-06',
  choices: { necessary: true, analytics: false, marketing: false },
  method: 'reject-all',
  ts: 1_700_000_000_000,
  language: 'de',
  url: 'https://shop.example.com/',
  ...overrides,
});

function consentRows(): Record<string, unknown>[] {
  const db = new Database(c.db, { readonly: true });
  try {
    return db.prepare('SELECT * FROM consent_log ORDER BY seq').all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

describe('POST /v1/consent', () => {
  it('stores a rejection as proof, with the browser family but no IP or full UA', async () => {
    const d = decision({ texts_hash: 'abc123' });
    const res = await post(`${c.url}/v1/consent`, d, {
      'content-type': 'text/plain;charset=UTF-8',
      'user-agent': USER_AGENTS.firefoxLinux,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0 });
    const [row] = consentRows();
    expect(row).toMatchObject({
      site: 'shop',
      consent_id: d.consent_id,
      previous_consent_id: null,
      policy_revision: '2024-06',
      choices: '{"necessary":true,"analytics":false,"marketing":false}',
      method: 'reject-all',
      ts: 1_700_000_000_000,
      language: 'de',
      url: 'https://shop.example.com/',
      texts_hash: 'abc123',
      browser: 'Firefox',
    });
    const stored = JSON.stringify(row);
    expect(stored).not.toContain('127.0.0');
    expect(stored).not.toContain('Gecko');
  });

  it('keeps every decision (append-only) but a resend once', async () => {
    const first = decision({ method: 'accept-all', choices: { necessary: true, analytics: true } });
    const later = decision({
      previous_consent_id: first.consent_id,
      method: 'withdraw',
      ts: first.ts + 1000,
    });
    for (const body of [first, first, later]) {
      expect((await post(`${c.url}/v1/consent`, body, { 'content-type': 'application/json' })).status).toBe(
        200,
      );
    }
    expect(consentRows().map((r) => [r.method, r.previous_consent_id])).toEqual([
      ['accept-all', null],
      ['withdraw', first.consent_id],
    ]);
  });

  it('refuses an unknown method and a non-boolean choice, naming the field', async () => {
    const badMethod = await post(`${c.url}/v1/consent`, decision({ method: 'maybe' as never }));
    expect(badMethod.status).toBe(400);
    expect(((await badMethod.json()) as { message: string }).message).toMatch(
      /^body\/method must be equal to one of/,
    );
    const badChoice = await post(`${c.url}/v1/consent`, decision({ choices: { analytics: 'yes' as never } }));
    expect(badChoice.status).toBe(400);
    expect(((await badChoice.json()) as { message: string }).message).toBe(
      'body/choices/analytics must be boolean',
    );
    expect(consentRows()).toEqual([]);
  });

  it('keeps each version of the texts shown once, under the hash both sides compute', async () => {
    const texts = {
      lang: 'ja',
      accept: 'すべて同意',
      reject: 'すべて拒否',
      'cat.marketing': 'マーケティング: 広告',
    };
    const hash = textsHash(texts);
    for (const method of ['accept-all', 'reject-all'] as const) {
      const res = await post(`${c.url}/v1/consent`, decision({ method, texts, texts_hash: hash }));
      expect(res.status).toBe(200);
    }
    // Without texts_hash the collector fills it in from the texts.
    expect((await post(`${c.url}/v1/consent`, decision({ method: 'custom', texts }))).status).toBe(200);
    expect(consentRows().map((r) => r.texts_hash)).toEqual([hash, hash, hash]);
    const db = new Database(c.db, { readonly: true });
    try {
      const stored = db.prepare('SELECT hash, texts FROM consent_texts').all() as {
        hash: string;
        texts: string;
      }[];
      expect(stored).toHaveLength(1);
      expect(stored[0]?.hash).toBe(hash);
      expect(JSON.parse(stored[0]?.texts ?? '')).toEqual(texts);
    } finally {
      db.close();
    }
  });

  it('refuses a texts_hash that does not match the texts, and stores nothing', async () => {
    const res = await post(
      `${c.url}/v1/consent`,
      decision({ texts: { accept: 'Accept all' }, texts_hash: 'f00' }),
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(
      /^body\/texts_hash must be the hash of body\/texts \([0-9a-f]{16}\)$/,
    );
    expect(consentRows()).toEqual([]);
  });
});

describe('GET /.well-known/gpc.json', () => {
  it('says the site honours Global Privacy Control', async () => {
    const res = await fetch(`${c.url}/.well-known/gpc.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ gpc: true, lastUpdate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });
});
