import { vi } from 'vitest';
import type { ConsentDecision, EventBatch } from '../../../src/shared/index.js';

/** Every `/v1/consent` body the script posted since the last `resetPage()` / `recordFetch()`. */
export const consentPosts: ConsentDecision[] = [];

/** The client keeps module state (config, decision, "pageview sent"): each test gets new modules. */
export async function freshClient() {
  vi.resetModules();
  return import('../../../src/client/index.js');
}

/** Imports one more module from the same fresh module graph as `freshClient()`. */
export const fresh = {
  gate: () => import('../../../src/client/outbox/gate.js'),
  transport: () => import('../../../src/client/outbox/transport.js'),
  state: () => import('../../../src/client/consent/state.js'),
  pageview: () => import('../../../src/client/tracking/pageview.js'),
  config: () => import('../../../src/client/config.js'),
};

/**
 * Empties the document and deletes every cookie, so tests never see each other's state, and
 * records `fetch` so that no test reaches the network. Returns the recorded requests.
 */
export function resetPage(): SentRequest[] {
  document.head.replaceChildren();
  document.body.replaceChildren();
  for (const pair of document.cookie.split(';')) {
    const name = pair.split('=')[0]?.trim();
    if (name) seedCookie('', name, '; expires=Thu, 01 Jan 1970 00:00:00 GMT');
  }
  vi.unstubAllGlobals();
  return recordFetch();
}

export interface SentRequest {
  url: string;
  init: RequestInit;
  batch: EventBatch;
}

/**
 * Replaces `fetch` with a recorder. Every request the script makes lands in the returned array,
 * so a test can say both what must be sent and what must not (STYLE.md §13).
 */
export function recordFetch(status = 202): SentRequest[] {
  const sent: SentRequest[] = [];
  consentPosts.length = 0;
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    // Proof-of-consent records go to their own list: `sent` holds event batches only.
    if (String(url).endsWith('/v1/consent'))
      consentPosts.push(JSON.parse(String(init.body)) as ConsentDecision);
    else sent.push({ url: String(url), init, batch: JSON.parse(String(init.body)) as EventBatch });
    return Promise.resolve(new Response('{}', { status }));
  });
  return sent;
}

/** Lets pending promise callbacks run. */
export const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export const COLLECTOR = 'https://collector.example';

/** Writes a raw cookie, as an earlier visit (or a hand-edited, corrupt one) would have left it. */
export function seedCookie(rawValue: string, name = 'cl_consent', attributes = ''): void {
  // biome-ignore lint/suspicious/noDocumentCookie: tests need byte-exact values, not js-cookie's encoding.
  document.cookie = `${name}=${rawValue}; path=/${attributes}`;
}

/** A stored cookie value as the client writes it. */
export function storedValue(over: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: 'c0ffee00-0000-4000-8000-000000000000',
    rev: '1',
    ts: Date.now(),
    c: { analytics: 1, performance: 0, marketing: 0 },
    ...over,
  });
}
