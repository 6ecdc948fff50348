import type { Category, EventType, WireEvent } from '../../shared/index.js';
import { getConsent, hasConsent } from '../consent/state.js';
import { uuid } from '../lib/uuid.js';
import { campaign } from './campaign.js';
import { ids } from './ids.js';
import { cleanUrl } from './url.js';

/**
 * The fields every event carries: its id, the consent it was collected under, the page, and
 * what the granted categories allow: ids with analytics, campaign fields with marketing.
 * `undefined` before a decision, so nothing is built, let alone queued.
 */
export function baseEvent(type: EventType, category: Category, url = location.href): WireEvent | undefined {
  const consent = getConsent();
  if (!consent || !hasConsent(category)) return undefined;
  return {
    id: uuid(),
    type,
    category,
    ts: Date.now(),
    url: cleanUrl(url),
    consent_id: consent.id,
    policy_revision: consent.revision,
    ...(hasConsent('analytics') ? ids() : {}),
    ...campaign(),
  };
}
