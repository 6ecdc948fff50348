import type { BrowserContext, Request } from 'playwright-core';

export interface SeenRequest {
  method: string;
  path: string;
  body: string | null;
}

/**
 * Records every request the pages of a context make to the collector, so that a test can say
 * what must be sent and what must not (STYLE.md §13).
 */
export function recordCollectorRequests(context: BrowserContext, collectorUrl: string): SeenRequest[] {
  const seen: SeenRequest[] = [];
  const origin = new URL(collectorUrl).origin;
  context.on('request', (req: Request) => {
    const url = new URL(req.url());
    if (url.origin !== origin) return;
    seen.push({ method: req.method(), path: url.pathname, body: req.postData() });
  });
  return seen;
}

export function eventsPosts(seen: SeenRequest[]): SeenRequest[] {
  return seen.filter((r) => r.method === 'POST' && r.path === '/v1/events');
}

/** The proof-of-consent records posted, parsed. */
export function consentPosts(seen: SeenRequest[]): { method: string; choices: Record<string, boolean> }[] {
  return seen
    .filter((r) => r.method === 'POST' && r.path === '/v1/consent')
    .map((r) => JSON.parse(r.body ?? '{}'));
}
