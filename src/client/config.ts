import { CATEGORY_PATTERN } from '../shared/categories.js';

/** What a site passes to `init()` (or as `data-*` attributes on the script tag). */
export interface Options {
  /** Collector base URL: absolute, or a path on this site. Required. */
  collector: string;
  /** Site id sent with every batch. Default: `location.hostname`. */
  site?: string;
  /** Bump it when purposes, recipients or texts change: older decisions then no longer count. */
  policyRevision?: string;
  /** Privacy policy linked from the banner. */
  policyUrl?: string;
  /** Banner language. Default: `<html lang>`, then `navigator.language`. */
  lang?: string;
  /** CSP nonce for the injected stylesheet. */
  nonce?: string;
  cookieName?: string;
  /** How long a decision (accept or reject) counts, in days. */
  cookieDays?: number;
  /** Categories besides `necessary`, in the order the banner lists them. */
  categories?: readonly string[];
  /** Tracking and outbox options (issue 4); see README "Tracking options". */
  visitorCookie?: string;
  visitorDays?: number;
  sessionMinutes?: number;
  queryDeny?: readonly string[];
  hashRouting?: boolean;
  outbound?: boolean;
  downloads?: readonly string[];
  engagement?: boolean;
  vitals?: boolean;
  retryBaseMs?: number;
  retryMaxMs?: number;
  flushIntervalMs?: number;
  maxQueue?: number;
  maxAgeHours?: number;
}

export interface Config extends TrackingConfig {
  collector: string;
  site: string;
  policyRevision: string;
  policyUrl?: string;
  lang: string;
  nonce?: string;
  cookieName: string;
  cookieDays: number;
  categories: readonly string[];
}

/** Defaults in one frozen object, merged under the site's options (STYLE.md §3). */
export const DEFAULTS = Object.freeze({
  policyRevision: '1',
  cookieName: 'cl_consent',
  // About 6 months: CNIL's recommended consent lifetime, well under the 13-month ceiling.
  cookieDays: 182,
  categories: Object.freeze(['analytics', 'performance', 'marketing']),
  visitorCookie: 'cl_vid',
  // 13 months, the longest an audience-measurement id may live (CNIL).
  visitorDays: 395,
  sessionMinutes: 30,
  // Query parameters always dropped from URLs, besides values that look like emails or tokens.
  queryDeny: Object.freeze([
    'email',
    'mail',
    'token',
    'password',
    'pwd',
    'secret',
    'key',
    'auth',
    'code',
    'session',
  ]),
  hashRouting: false,
  outbound: true,
  downloads: Object.freeze(
    'pdf,zip,gz,tgz,dmg,exe,msi,pkg,deb,rpm,apk,iso,csv,xlsx,docx,pptx,mp3,mp4,mov,avi'.split(','),
  ),
  engagement: true,
  vitals: true,
  retryBaseMs: 1000,
  retryMaxMs: 300_000,
  flushIntervalMs: 5000,
  maxQueue: 1000,
  // A week: older events describe a visit too old to be worth the bytes.
  maxAgeHours: 168,
});

interface TrackingConfig {
  visitorCookie: string;
  visitorDays: number;
  sessionMinutes: number;
  queryDeny: readonly string[];
  hashRouting: boolean;
  outbound: boolean;
  downloads: readonly string[];
  engagement: boolean;
  vitals: boolean;
  retryBaseMs: number;
  retryMaxMs: number;
  flushIntervalMs: number;
  maxQueue: number;
  maxAgeHours: number;
}

/** 13 months: no decision may count longer (consent-rules.md §1.2 item 16). */
const MAX_DAYS = 395;

let active: Config | undefined;

/** The config `init()` settled on, or `undefined` before `init()`. */
export const getConfig = (): Config | undefined => active;

export function setConfig(config: Config | undefined): void {
  active = config;
}

/** Developer misuse throws, naming the option, so the fix is obvious (STYLE.md §6). */
function fail(option: string, problem: string): never {
  throw new Error(`consentlog: option "${option}" ${problem}`);
}

const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';

function check(c: Config): void {
  if (!isText(c.collector)) fail('collector', 'is required');
  for (const k of ['site', 'policyRevision', 'lang'] as const) {
    if (!isText(c[k])) fail(k, 'must be a non-empty string');
  }
  for (const k of ['policyUrl', 'nonce'] as const) {
    if (c[k] !== undefined && typeof c[k] !== 'string') fail(k, 'must be a string');
  }
  if (typeof c.cookieName !== 'string' || !/^[\w-]+$/.test(c.cookieName)) {
    fail('cookieName', 'may use only letters, digits, _ and -');
  }
  if (typeof c.cookieDays !== 'number' || !(c.cookieDays > 0 && c.cookieDays <= MAX_DAYS)) {
    fail('cookieDays', `must be a number of days, 1 to ${MAX_DAYS}`);
  }
  checkTracking(c);
  const cats = c.categories;
  if (!Array.isArray(cats) || !cats.every((x) => CATEGORY_PATTERN.test(x) && x !== 'necessary')) {
    fail('categories', 'must be an array of names like "analytics", without "necessary"');
  }
}

const NUMBERS = [
  'visitorDays',
  'sessionMinutes',
  'retryBaseMs',
  'retryMaxMs',
  'flushIntervalMs',
  'maxQueue',
  'maxAgeHours',
] as const;

function checkTracking(c: Config): void {
  for (const k of NUMBERS) if (typeof c[k] !== 'number' || !(c[k] > 0)) fail(k, 'must be a positive number');
  if (c.visitorDays > MAX_DAYS) fail('visitorDays', `must be at most ${MAX_DAYS}`);
  if (!/^[\w-]+$/.test(c.visitorCookie)) fail('visitorCookie', 'may use only letters, digits, _ and -');
  for (const k of ['queryDeny', 'downloads'] as const) {
    if (!Array.isArray(c[k]) || !c[k].every((x) => typeof x === 'string'))
      fail(k, 'must be an array of strings');
  }
  for (const k of ['hashRouting', 'outbound', 'engagement', 'vitals'] as const) {
    if (typeof c[k] !== 'boolean') fail(k, 'must be true or false');
  }
}

/** Merges `options` over the defaults, validates, and resolves the collector URL. */
export function resolveConfig(options: Options): Config {
  const given: Partial<Config> = {};
  // Skip `undefined`, so `{ site: undefined }` keeps the default instead of erasing it.
  for (const [k, v] of Object.entries(options || {})) {
    if (v !== undefined) (given as Record<string, unknown>)[k] = v;
  }
  const config: Config = {
    ...DEFAULTS,
    site: location.hostname,
    lang: document.documentElement.lang || navigator.language || 'en',
    collector: '',
    ...given,
  };
  check(config);
  // A path resolves against the page; no trailing slash, so `collector + PATHS.events` is clean.
  try {
    config.collector = new URL(config.collector, location.href).href.replace(/\/+$/, '');
  } catch {
    fail('collector', 'must be a URL or a path');
  }
  return config;
}
