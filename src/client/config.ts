import { CATEGORY_PATTERN } from '../shared/categories.js';
import type { Texts } from './consent/banner/texts.js';

/**
 * One recipient of a category's data, shown in the preferences dialog: what the visitor needs
 * to know before choosing (GDPR Art. 13; Japan's Telecommunications Business Act, Art. 27-12).
 */
export interface Service {
  /** Service name, e.g. `Google Analytics`. */
  name: string;
  /** Who receives the data, e.g. `Google LLC`. */
  recipient: string;
  /** The data items sent, e.g. `page URL, IP address, browser`. */
  data: string;
  /** How long the recipient keeps them, e.g. `14 months`. */
  retention: string;
}

/** What a site passes to `init()`; tracking and outbox options: README "Tracking options". */
export interface Options extends Partial<TrackingConfig> {
  /** Collector base URL: absolute, or a path on this site. Required. */
  collector: string;
  /** Site id sent with every batch. Default: `location.hostname`. */
  site?: string;
  /** Bump it when purposes, recipients or texts change: older decisions then no longer count. */
  policyRevision?: string;
  /** Privacy policy linked from the banner. */
  policyUrl?: string;
  /** Banner language. Default: `<html lang>`, then the browser's languages; English if none fits. */
  lang?: string;
  /** `bar` (default): a bar along the bottom; `box`: a centred box. */
  layout?: 'bar' | 'box';
  /** Cookie `Domain`, to share the decision with subdomains. Default: host-only. */
  cookieDomain?: string;
  /** Per category, cookie names or `*` patterns (`_ga*`) deleted when the category is not granted. */
  cookies?: Record<string, readonly string[]>;
  /** Per category, who receives its data: listed in the preferences dialog. */
  services?: Record<string, readonly Service[]>;
  /** Per language (`en`, `ja`, `ko` or a new one), texts that replace the built-in ones. */
  texts?: Record<string, Partial<Texts>>;
  /** Google Consent Mode v2 signals and the `consentlog_consent` dataLayer event. Default on. */
  consentMode?: boolean;
  /** CSP nonce for the injected stylesheet. */
  nonce?: string;
  cookieName?: string;
  /** How long a decision (accept or reject) counts, in days. */
  cookieDays?: number;
  /** Categories besides `necessary`, in the order the banner lists them. */
  categories?: readonly string[];
}

export interface Config extends TrackingConfig {
  collector: string;
  site: string;
  policyRevision: string;
  policyUrl?: string;
  lang?: string;
  layout: 'bar' | 'box';
  nonce?: string;
  cookieName: string;
  cookieDomain?: string;
  cookieDays: number;
  categories: readonly string[];
  cookies: Record<string, readonly string[]>;
  services: Record<string, readonly Service[]>;
  texts: Record<string, Partial<Texts>>;
  consentMode: boolean;
}

/** Tracking and outbox options (issue 4). Each default's type is the type the option must have. */
export interface TrackingConfig {
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

const TRACKING: TrackingConfig = {
  visitorCookie: 'cl_vid',
  // 13 months, the longest an audience-measurement id may live (CNIL).
  visitorDays: 395,
  sessionMinutes: 30,
  // Query parameters always dropped from URLs, besides values that look like emails or tokens.
  queryDeny: Object.freeze('email,mail,token,password,pwd,secret,key,auth,code,session'.split(',')),
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
};

/** Defaults in one frozen object, merged under the site's options (STYLE.md §3). */
export const DEFAULTS = Object.freeze({
  policyRevision: '1',
  cookieName: 'cl_consent',
  // About 6 months: CNIL's recommended consent lifetime, well under the 13-month ceiling.
  cookieDays: 182,
  categories: Object.freeze(['analytics', 'performance', 'marketing']),
  layout: 'bar' as 'bar' | 'box',
  cookies: Object.freeze({}),
  services: Object.freeze({}),
  texts: Object.freeze({}),
  consentMode: true,
  ...TRACKING,
});

/** 13 months: no decision may count longer (consent-rules.md §1.2 item 16). */
const MAX_DAYS = 395;

/**
 * The config `init()` settled on; `undefined` before `init()`. Typed as set: the features `init()`
 * starts (tracking, outbox, tag blocking, …) only run after it, so they read it without checks;
 * the public API, which may be called before `init()`, checks with `getConfig()`.
 */
export let config: Config = undefined as unknown as Config;

/** The config, or `undefined` before `init()`. */
export const getConfig = (): Config | undefined => config;

export function setConfig(settled: Config | undefined): void {
  config = settled as Config;
}

/** Developer misuse throws, naming the option and what it takes, so the fix is obvious (STYLE.md §6). */
function fail(option: string, want: string): never {
  throw new Error(`consentlog: option "${option}" must be ${want}`);
}

const isList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * What `v` should have been, or `false` when it is fine. Judged by the type of the option's
 * default `d`, so a new option needs no new code: texts must not be empty, numbers must be
 * positive (days at most 13 months: consent-rules.md §1.2 item 16), lists must hold strings, maps
 * (`cookies`, `services`, `texts`) must map each name to an array or object. Cookie names, the
 * category list and the layout have their own shapes.
 */
function want(k: string, v: unknown, d: unknown): string | false {
  if (k === 'layout') return v !== 'bar' && v !== 'box' && '"bar" or "box"';
  if (k === 'categories')
    return (
      !(isList(v) && v.every((x) => CATEGORY_PATTERN.test(x) && x !== 'necessary')) &&
      'a list of names like "analytics", not "necessary"'
    );
  if (/Cookie|Name/.test(k))
    return !(typeof v === 'string' && /^[\w-]+$/.test(v)) && 'a name of letters, digits, _ and -';
  if (/Days/.test(k))
    return !(typeof v === 'number' && v > 0 && v <= MAX_DAYS) && `a number from 1 to ${MAX_DAYS}`;
  if (d === undefined) return v !== undefined && typeof v !== 'string' && 'a string';
  if (typeof d === 'string') return !(typeof v === 'string' && v) && 'a non-empty string';
  if (typeof d === 'number') return !(typeof v === 'number' && v > 0) && 'a positive number';
  if (typeof d === 'boolean') return typeof v !== 'boolean' && 'true or false';
  if (Array.isArray(d)) return !isList(v) && 'a list of strings';
  return (
    !(v && typeof v === 'object' && Object.values(v).every((x) => x && typeof x === 'object')) &&
    `a map of ${k === 'texts' ? 'languages to objects' : 'categories to lists'}`
  );
}

function check(c: Config): void {
  // `undefined`: an optional string.
  const optional = { policyUrl: undefined, nonce: undefined, lang: undefined, cookieDomain: undefined };
  for (const [k, d] of Object.entries({ collector: 'c', site: 's', ...optional, ...DEFAULTS })) {
    const problem = want(k, c[k as keyof Config], d);
    if (problem) fail(k, problem);
  }
}

/** Options read from `data-*` attributes that are not strings, by their default. */
const ATTRIBUTE_TYPES = { ...TRACKING, consentMode: true };

/** A `data-*` attribute's text as the type of the option's default: `"200"`, `"false"`, `"pdf,zip"`. */
function fromAttribute(v: unknown, d: unknown): unknown {
  if (typeof v !== 'string' || d === undefined || typeof d === 'string') return v;
  return typeof d === 'number'
    ? +v
    : typeof d === 'boolean'
      ? v !== 'false'
      : v.split(/[\s,]+/).filter(Boolean);
}

/** Merges `options` over the defaults, validates, and resolves the collector URL. */
export function resolveConfig(options: Options): Config {
  const given: Partial<Config> = {};
  // Skip `undefined`, so `{ site: undefined }` keeps the default instead of erasing it.
  for (const [k, v] of Object.entries(options || {})) {
    if (v !== undefined)
      (given as Record<string, unknown>)[k] = fromAttribute(v, ATTRIBUTE_TYPES[k as keyof TrackingConfig]);
  }
  const config: Config = {
    ...DEFAULTS,
    site: location.hostname,
    collector: '',
    ...given,
  };
  check(config);
  // A path resolves against the page; no trailing slash, so `collector + PATHS.events` is clean.
  try {
    config.collector = new URL(config.collector, location.href).href.replace(/\/+$/, '');
  } catch {
    fail('collector', 'a URL or a path');
  }
  return config;
}
