export type { Category, Choices } from '../shared/categories.js';
export type { Options } from './config.js';
export { acceptAll, rejectAll, reset } from './consent/actions.js';
export type { Consent } from './consent/cookie.js';
export { getConsent, hasConsent } from './consent/state.js';
export { init } from './init.js';
export { stats } from './outbox/stats.js';
export { type Props, track } from './tracking/track.js';
export { version } from './version.js';
