/**
 * A visit engages (is not a bounce) with a second pageview, a custom event, or an engagement beacon
 * of at least this much visible time. The script sends an engagement beacon at the end of every
 * view, so "any engagement beacon" would make nearly no visit a bounce; 10 s is GA4's rule.
 */
export const ENGAGED_MS = 10_000;
