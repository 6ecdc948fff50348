import type { Choices } from '../../shared/categories.js';
import type { Config } from '../config.js';
import { safeRun } from '../lib/safeRun.js';

/** A visitor's decision, as the public API returns it. */
export interface Consent {
  /** Random consent id, also sent with events and (later) with the proof-of-consent record. */
  id: string;
  /** The policy revision the visitor decided on. */
  revision: string;
  /** Decision time, epoch ms. */
  ts: number;
  /** Every category, explicitly true or false; `necessary` is always true. */
  choices: Choices;
}

/** The cookie value: short keys keep it small; 1/0 instead of true/false for the same reason. */
interface Stored {
  id?: unknown;
  rev?: unknown;
  ts?: unknown;
  c?: Record<string, unknown> | null;
}

const DAY_MS = 864e5;

export function encode(consent: Consent, config: Config): string {
  const c: Record<string, 0 | 1> = {};
  for (const cat of config.categories) c[cat] = consent.choices[cat] ? 1 : 0;
  return JSON.stringify({ id: consent.id, rev: consent.revision, ts: consent.ts, c });
}

/**
 * Reads a cookie value back. Anything we cannot trust counts as *no decision* (`null`), so the
 * banner shows again and every category stays denied (consent-rules.md §1.2 items 2, 15, 16):
 * a missing or corrupt value, another policy revision, a decision older than `cookieDays`
 * (the time inside the value rules, not the cookie's expiry), or a category the visitor was
 * never asked about.
 */
export function decode(raw: string | undefined, config: Config, now = Date.now()): Consent | null {
  if (!raw) return null;
  const v = safeRun(() => JSON.parse(raw) as Stored);
  if (!v || typeof v !== 'object' || typeof v.id !== 'string' || !v.id) return null;
  if (v.rev !== config.policyRevision || typeof v.ts !== 'number') return null;
  if (!(now - v.ts < config.cookieDays * DAY_MS) || !v.c || typeof v.c !== 'object') return null;
  const choices: Choices = { necessary: true };
  for (const cat of config.categories) {
    const x = v.c[cat];
    if (x !== 0 && x !== 1) return null;
    choices[cat] = x === 1;
  }
  return { id: v.id, revision: v.rev, ts: v.ts, choices };
}
