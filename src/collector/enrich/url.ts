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
 * `host` is the hostname without port, so it compares directly with `referrer_domain`
 * (a self-referral is `referrer_domain = host`; reports leave those out). The full URL, with its
 * port and query, stays in the `url` column.
 */
export function urlParts(url: string): UrlParts {
  const parsed = parse(url);
  return { host: parsed?.hostname || null, path: parsed ? parsed.pathname : null };
}

export function referrerDomain(referrer: string | undefined): string | null {
  return parse(referrer)?.hostname || null;
}
