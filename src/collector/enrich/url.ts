import { getDomain } from 'tldts';
import { RecentCache } from '../lib/recent-cache.js';

// Private suffixes too (github.io, …): two users' pages there are not one site.
const PRIVATE = { allowPrivateDomains: true };

/** Host and path of the page URL; hostname of the referrer. Both null when not a parseable URL. */
export interface UrlParts {
  host: string | null;
  path: string | null;
}

function parse(value: string | undefined): URL | null {
  if (!value) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

// Pages, referrers and host pairs repeat from event to event: parsing them (WHATWG URL, the
// public-suffix list) is most of the enrichment's cost, so results are kept in bounded caches.
const parts = new RecentCache<string, UrlParts>(5000);
const referrers = new RecentCache<string, string | null>(5000);
const selfReferrals = new RecentCache<string, boolean>(5000);

/**
 * `host` is the hostname without port, so it compares directly with `referrer_domain`. The full
 * URL, with its port and query, stays in the `url` column.
 */
export function urlParts(url: string): UrlParts {
  let result = parts.get(url);
  if (!result) {
    const parsed = parse(url);
    result = Object.freeze({ host: parsed?.hostname || null, path: parsed ? parsed.pathname : null });
    parts.set(url, result);
  }
  return result;
}

export function referrerDomain(referrer: string | undefined): string | null {
  if (!referrer) return null;
  let domain = referrers.get(referrer);
  if (domain === undefined) {
    domain = parse(referrer)?.hostname || null;
    referrers.set(referrer, domain);
  }
  return domain;
}

/**
 * A self-referral is a visitor moving within the site: the referrer's registrable domain (the
 * public-suffix list, via tldts) equals the page's, so `www.shop.co.uk` → `blog.shop.co.uk`
 * counts, `a.github.io` → `b.github.io` does not. Reports leave these out of referrers.
 */
export function isSelfReferral(host: string | null, referrerHost: string | null): boolean {
  if (!host || !referrerHost) return false;
  if (host === referrerHost) return true;
  const key = `${host} ${referrerHost}`; // hostnames hold no spaces
  let self = selfReferrals.get(key);
  if (self === undefined) {
    const site = getDomain(host, PRIVATE);
    self = site !== null && site === getDomain(referrerHost, PRIVATE);
    selfReferrals.set(key, self);
  }
  return self;
}
