import { decide, forget, getConsent } from './state.js';

/** Grants every category. No-op before `init()`. */
export function acceptAll(): void {
  decide(() => true, 'accept-all');
}

/** Denies every category but `necessary`. No-op before `init()`. */
export function rejectAll(): void {
  decide(() => false, 'reject-all');
}

/** Stores the categories in `granted`; every other one is denied. */
export function saveChoices(granted: readonly string[]): void {
  decide((category) => granted.includes(category), 'custom');
}

/**
 * Sets some categories, e.g. `setConsent({ marketing: false })`; the others keep their current
 * choice (denied when there is none). Recorded as `custom`, or `withdraw` when it only takes away.
 */
export function setConsent(choices: Record<string, boolean>): void {
  const now = getConsent();
  decide((c) => (c in choices ? choices[c] === true : now?.choices[c] === true), 'custom');
}

/** Forgets the decision and deletes the consent cookie: the banner asks again. */
export function reset(): void {
  forget();
}
