import { getDomain } from 'tldts';

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

/**
 * `host` is the hostname without port, so it compares directly with `referrer_domain`. The full
 * URL, with its port and query, stays in the `url` column.
 */
export function urlParts(url: string): UrlParts {
  const parsed = parse(url);
  return { host: parsed?.hostname || null, path: parsed ? parsed.pathname : null };
}

export function referrerDomain(referrer: string | undefined): string | null {
  return parse(referrer)?.hostname || null;
}

/**
 * A self-referral is a visitor moving within the site: the referrer's registrable domain (the
 * public-suffix list, via tldts) equals the page's, so `www.shop.co.uk` → `blog.shop.co.uk`
 * counts, `a.github.io` → `b.github.io` does not. Reports leave these out of referrers.
 */
export function isSelfReferral(host: string | null, referrerHost: string | null): boolean {
  if (!host || !referrerHost) return false;
  if (host === referrerHost) return true;
  const site = getDomain(host, PRIVATE);
  return site !== null && site === getDomain(referrerHost, PRIVATE);
}
