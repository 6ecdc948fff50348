import type { Category } from '../../shared/categories.js';
import { config } from '../config.js';
import { hasConsent } from '../consent/state.js';

/**
 * The one gate in front of every send (STYLE.md §7): the category is granted. A decision exists
 * only after `init()`, which refuses a config without a collector, so there is always one to send
 * to. Opt-out signals (GPC) are applied inside `hasConsent`, and nowhere else.
 */
export const canSend: (category: Category) => boolean = hasConsent;

/**
 * Whether any category that can send is granted. Without one nothing may be queued, so the
 * outbox leaves IndexedDB alone: opening it would create the database (storage before consent).
 */
export const anyGranted = (): boolean => config.categories.some(hasConsent);
