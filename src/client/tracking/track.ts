import { LIMITS, type PropValue } from '../../shared/index.js';
import { safeRun } from '../lib/safeRun.js';
import { push } from '../outbox/outbox.js';
import { baseEvent } from './event.js';

export type Props = Record<string, PropValue>;

/** Flat, bounded props: the first 30 keys, keys to 64 and string values to 512 characters. */
function cleanProps(props: Props): Props | undefined {
  const out: Props = {};
  for (const [k, v] of Object.entries(props).slice(0, LIMITS.propsCount)) {
    out[k.slice(0, LIMITS.propKeyLength)] =
      v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
        ? v
        : String(v).slice(0, LIMITS.propValueLength);
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * Records a custom event (analytics category): `name` up to 64 characters, `props` a flat
 * object (see README "Custom events" for the limits). Throws on a missing name or non-object
 * props, as any misuse does; sends nothing without analytics consent.
 */
export function track(name: string, props?: Props): void {
  // Short messages: each byte of them ships to every visitor.
  if (typeof name !== 'string' || !name) throw new TypeError('consentlog.track: bad "name"');
  if (props != null && typeof props !== 'object') throw new TypeError('consentlog.track: bad "props"');
  safeRun(() => {
    const e = baseEvent('event', 'analytics');
    if (e)
      push({ ...e, name: name.slice(0, LIMITS.shortLength), props: props ? cleanProps(props) : undefined });
  });
}
