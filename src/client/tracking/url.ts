import { LIMITS } from '../../shared/index.js';
import { config } from '../config.js';
import { safeRun } from '../lib/safeRun.js';
import { CAMPAIGN_KEYS } from './campaign.js';

const EMAIL = /[^\s@]+@[^\s@]+\.\w/;
/** Long strings of letters and digits: session tokens, API keys, JWTs, reset codes. */
const TOKEN = /^(?=.*\d)(?=.*[a-z])[\w.+/=~-]{20,}$/i;
/** …but a readable slug (`summer-sale-2024-shoes`) is kept. */
const SLUG = /^[a-z]+(-[a-z0-9]+)+$/i;

const drop = (key: string, value: string, deny: readonly string[]): boolean =>
  deny.includes(key.toLowerCase()) ||
  CAMPAIGN_KEYS.includes(key) ||
  EMAIL.test(value) ||
  (TOKEN.test(value) && !SLUG.test(value));

/**
 * The URL as it may be logged: query parameters on the deny list (`queryDeny`), campaign
 * parameters and values that look like emails or tokens are removed; so is the fragment, unless
 * the site routes by hash (`hashRouting`), as it may carry OAuth tokens.
 */
export function cleanUrl(href: string): string {
  const url = safeRun(() => new URL(href));
  if (!url) return href.slice(0, LIMITS.urlLength);
  const params = url.searchParams;
  let changed = false;
  for (const [key, value] of [...params]) {
    if (drop(key, value, config.queryDeny)) {
      params.delete(key);
      changed = true;
    }
  }
  // Rebuild the query only when needed: URLSearchParams re-encodes what it touches.
  if (changed) url.search = params.toString();
  if (!config.hashRouting) url.hash = '';
  return url.href.slice(0, LIMITS.urlLength);
}
