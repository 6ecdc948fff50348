import type { Category, Choices } from './categories.js';

/** Wire format v1, client → collector (DESIGN.md "Wire format v1"). */
export type EventType = 'pageview' | 'event' | 'vital' | 'engagement';

export const EVENT_TYPES: readonly EventType[] = ['pageview', 'event', 'vital', 'engagement'];

/** Values a custom event property may hold: flat, no nesting. */
export type PropValue = string | number | boolean | null;

export interface WireEvent {
  /** Client-made random UUID: the collector stores an id at most once. */
  id: string;
  type: EventType;
  category: Category;
  /** Client time, epoch milliseconds. */
  ts: number;
  url: string;
  referrer?: string;
  title?: string;
  language?: string;
  /** `WIDTHxHEIGHT` of the screen. */
  screen?: string;
  /** IANA time zone, e.g. `Europe/Berlin`. */
  timezone?: string;
  visitor_id?: string;
  session_id?: string;
  consent_id?: string;
  policy_revision?: string;
  /** Custom event name (type `event`). */
  name?: string;
  props?: Record<string, PropValue>;
  utm_source?: string;
  utm_medium?: string;
  utm_campaign?: string;
  utm_term?: string;
  utm_content?: string;
  click_id?: string;
  /** Web vitals (type `vital`). */
  metric?: string;
  value?: number;
  rating?: string;
}

export interface EventBatch {
  v: 1;
  site: string;
  events: WireEvent[];
}

export type ConsentMethod = 'accept-all' | 'reject-all' | 'custom' | 'withdraw' | 'gpc';

export const CONSENT_METHODS: readonly ConsentMethod[] = [
  'accept-all',
  'reject-all',
  'custom',
  'withdraw',
  'gpc',
];

/** One consent decision, kept by the collector as proof (`POST /v1/consent`). */
export interface ConsentDecision {
  v: 1;
  site: string;
  consent_id: string;
  previous_consent_id?: string;
  policy_revision: string;
  choices: Choices;
  method: ConsentMethod;
  /** Client time, epoch milliseconds. */
  ts: number;
  language: string;
  url: string;
  /** Hash of the banner texts the visitor saw. */
  texts_hash?: string;
  /** The texts themselves, so the collector can keep each version once. */
  texts?: Record<string, string>;
}

/** The collector's answer to a batch. */
export interface EventsReply {
  accepted: number;
  duplicates: number;
  rejected: { id?: string; index: number; reason: string }[];
}

export type { Category, Choices };
