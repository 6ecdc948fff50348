import { decide, forget } from './state.js';

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

/** Forgets the decision and deletes the consent cookie: the banner asks again. */
export function reset(): void {
  forget();
}
