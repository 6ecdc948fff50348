import { LIMITS, PATHS } from '../../shared/limits.js';
import type { ConsentDecision } from '../../shared/wire.js';
import { type Config, config } from '../config.js';
import { postJson } from '../lib/post.js';
import { safeRun } from '../lib/safeRun.js';
import { categoryText, textsFor } from './banner/texts.js';
import { type ConsentChange, consentEvents } from './state.js';

const cut = (s: string): string => s.slice(0, 8 * LIMITS.textLength);

/**
 * What the visitor was shown, flat: every text, each category's name and purpose, its services,
 * and the policy link. The collector hashes it into the record's `texts_hash` (the script leaves
 * the optional field out: -180 B) and keeps each version once.
 */
export function shownTexts(config: Config): Record<string, string> {
  const { categories, ...t } = textsFor(config);
  const out: Record<string, string> = { ...t, policyUrl: config.policyUrl || '' };
  for (const cat of ['necessary', ...config.categories]) {
    out[`cat.${cat}`] = cut(categoryText(textsFor(config), cat).join(': '));
    const services = config.services[cat];
    if (services) out[`svc.${cat}`] = cut(JSON.stringify(services));
  }
  return out;
}

/** The proof-of-consent record of one decision. */
export function decisionRecord(change: ConsentChange, config: Config): ConsentDecision | null {
  const { consent, previous, method } = change;
  if (!consent || !method) return null;
  const texts = shownTexts(config);
  return {
    v: 1,
    site: config.site,
    consent_id: consent.id,
    previous_consent_id: previous?.id,
    policy_revision: consent.revision,
    choices: consent.choices,
    method,
    ts: consent.ts,
    language: texts.lang as string,
    url: location.href.slice(0, LIMITS.urlLength),
    texts,
  };
}

/**
 * Posts every decision (rejections too) to `/v1/consent`. Proof of consent is `necessary`: it
 * is sent whatever was chosen, carries no visitor or session id, and the cookie-less `keepalive`
 * fetch survives the page closing right after the click.
 */
export function startRecords(): void {
  consentEvents.on((change) => {
    const record = decisionRecord(change, config);
    if (!record) return;
    safeRun(() => postJson(config.collector + PATHS.consent, record, true).catch(() => undefined));
  });
}
