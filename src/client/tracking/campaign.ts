import type { WireEvent } from '../../shared/index.js';
import { LIMITS } from '../../shared/index.js';
import { hasConsent } from '../consent/state.js';
import { safeRun } from '../lib/safeRun.js';

type Campaign = Pick<
  WireEvent,
  'utm_source' | 'utm_medium' | 'utm_campaign' | 'utm_term' | 'utm_content' | 'click_id'
>;

const KEY = 'cl_campaign';
/** Campaign parameters travel in their own (marketing) fields, never inside the URL. */
export const CAMPAIGN_KEYS: readonly string[] =
  'utm_source,utm_medium,utm_campaign,utm_term,utm_content,gclid,fbclid,msclkid'.split(',');

/** Read from the landing URL when the script starts; held in memory only until marketing is granted. */
let landing: Campaign | undefined;

export function readLanding(): void {
  const params = new URLSearchParams(location.search);
  const found: Campaign = {};
  for (const k of CAMPAIGN_KEYS) {
    const v = params.get(k);
    // Click ids share one field, the network's name first so analysts can tell them apart: `gclid:…`.
    const field = k.startsWith('utm_') ? (k as keyof Campaign) : 'click_id';
    if (v && !found[field]) found[field] = (field === k ? v : `${k}:${v}`).slice(0, LIMITS.textLength);
  }
  landing = Object.keys(found).length ? found : undefined;
}

/**
 * Campaign fields for an event, only while marketing is granted. Only then are they kept for the
 * session (sessionStorage), so the next pages of the visit still carry them.
 */
export function campaign(): Campaign | null | undefined {
  if (!hasConsent('marketing')) return undefined;
  return safeRun(() => {
    if (landing) sessionStorage.setItem(KEY, JSON.stringify(landing));
    return landing || (JSON.parse(sessionStorage.getItem(KEY) || 'null') as Campaign | null);
  });
}

/** Marketing withdrawn: forget the stored campaign. */
export function clearCampaign(): void {
  safeRun(() => sessionStorage.removeItem(KEY));
}
