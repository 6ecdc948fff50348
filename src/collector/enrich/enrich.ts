import type { AccessLogRow } from '../../shared/access-log.js';
import { LIMITS } from '../../shared/limits.js';
import type { WireEvent } from '../../shared/wire.js';
import type { VitalMetric } from '../dashboard/types.js';
import { rate, VITAL_THRESHOLDS } from '../dashboard/vitals.js';
import { isSelfReferral, referrerDomain, urlParts } from './url.js';
import type { UserAgentInfo } from './user-agent.js';

/** What the collector knows about the request, computed once per batch. */
export interface RequestContext {
  site: string;
  /** Server time, epoch ms. */
  receivedAt: number;
  userAgent: string | null;
  ua: UserAgentInfo;
  /** Already reduced per the IP mode. */
  ip: string | null;
  /** Registrable domain of the visitor's reverse DNS name (`--reverse-dns`), else null. */
  networkDomain?: string | null;
}

const opt = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

/**
 * A vital's rating: the browser's if it sent one (releases before 0.1.0's size work did), else
 * rated here with web-vitals' thresholds, which the browser script leaves to the collector.
 */
function rating(event: WireEvent): string | null {
  if (event.rating !== undefined) return event.rating;
  const metric = event.metric as VitalMetric;
  if (typeof event.value !== 'number' || !Object.hasOwn(VITAL_THRESHOLDS, metric)) return null;
  return rate(metric, event.value);
}

/** One validated wire event + its request → one access-log row (DESIGN.md "The access log"). */
export function enrichEvent(event: WireEvent, ctx: RequestContext): AccessLogRow {
  const { host, path } = urlParts(event.url);
  const referrer_domain = referrerDomain(event.referrer);
  return {
    // Lower case so that one UUID written two ways is still stored once.
    id: event.id.toLowerCase(),
    received_at: ctx.receivedAt,
    // Clients may send fractional ms (performance.timeOrigin + now()); the column is integer ms.
    ts: Math.round(event.ts),
    site: ctx.site,
    type: event.type,
    category: event.category,
    url: event.url,
    host,
    path,
    referrer: opt(event.referrer),
    referrer_domain,
    title: opt(event.title),
    ...ctx.ua,
    ip: ctx.ip,
    user_agent: ctx.userAgent ? ctx.userAgent.slice(0, LIMITS.textLength) : null,
    language: opt(event.language),
    screen: opt(event.screen),
    timezone: opt(event.timezone),
    visitor_id: opt(event.visitor_id),
    session_id: opt(event.session_id),
    name: opt(event.name),
    props: event.props === undefined ? null : JSON.stringify(event.props),
    utm_source: opt(event.utm_source),
    utm_medium: opt(event.utm_medium),
    utm_campaign: opt(event.utm_campaign),
    utm_term: opt(event.utm_term),
    utm_content: opt(event.utm_content),
    click_id: opt(event.click_id),
    consent_id: opt(event.consent_id),
    policy_revision: opt(event.policy_revision),
    metric: opt(event.metric),
    value: opt(event.value),
    rating: rating(event),
    self_referral: isSelfReferral(host, referrer_domain) ? 1 : 0,
    network_domain: ctx.networkDomain ?? null,
  };
}
