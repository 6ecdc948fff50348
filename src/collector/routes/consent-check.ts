import type { Choices } from '../../shared/categories.js';
import type { Store } from '../store/types.js';
import type { IndexedEvent, Rejection } from './sort-events.js';

/**
 * Consent, checked a second time on the server (the script checks first): an event whose category
 * its own consent record does not grant, or a marketing event sent with `Sec-GPC: 1`, is refused.
 * Refused events are counted and named in the reply, but never stored, not even as bad rows: the
 * visitor did not agree to their being kept. Events whose consent id the collector has no record
 * of pass (the record may still be in flight; the browser's gate already held).
 */
export async function consentRefusals(
  store: Store,
  events: IndexedEvent[],
  gpc: boolean,
): Promise<{ kept: IndexedEvent[]; refused: Rejection[] }> {
  const records = new Map<string, Promise<Choices | null>>();
  const kept: IndexedEvent[] = [];
  const refused: Rejection[] = [];
  for (const item of events) {
    const { category, consent_id: consentId, id } = item.event;
    if (category === 'necessary') {
      kept.push(item);
      continue;
    }
    if (gpc && category === 'marketing') {
      refused.push({ index: item.index, id, reason: 'marketing event sent with Sec-GPC: 1', class: 'gpc' });
      continue;
    }
    if (consentId) {
      let record = records.get(consentId);
      if (!record) {
        record = store.consentChoices(consentId);
        records.set(consentId, record);
      }
      const choices = await record;
      if (choices && choices[category] !== true) {
        const reason = `category ${category} is not granted by consent ${consentId}`;
        refused.push({ index: item.index, id, reason, class: 'consent_not_granted' });
        continue;
      }
    }
    kept.push(item);
  }
  return { kept, refused };
}
