import type { UserAgentInfo } from './user-agent.js';

/**
 * Request headers, lower-case as Node gives them. Read: `sec-ch-ua`, `sec-ch-ua-full-version-list`
 * (high entropy: sent only after the collector asks with Accept-CH), `sec-ch-ua-mobile`,
 * `sec-ch-ua-platform`.
 */
export type ClientHintHeaders = Record<string, string | string[] | undefined>;

const header = (headers: ClientHintHeaders, name: string): string | undefined => {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
};

/** The hint headers applyClientHints reads, as one cache key; '' when none was sent. */
export function hintsKey(headers: ClientHintHeaders): string {
  const parts = [
    header(headers, 'sec-ch-ua-full-version-list') ?? header(headers, 'sec-ch-ua'),
    header(headers, 'sec-ch-ua-platform'),
    header(headers, 'sec-ch-ua-mobile'),
  ];
  return parts.some((p) => p !== undefined) ? parts.map((p) => p ?? '').join('\n') : '';
}

/** `"Chromium";v="126", "Not.A/Brand";v="24"` → [["Chromium","126"], …] (RFC 8941 list, simplified). */
export function parseBrandList(header: string | undefined): [string, string][] {
  if (!header) return [];
  const brands: [string, string][] = [];
  for (const match of header.matchAll(/"([^"]{1,64})"\s*;\s*v\s*=\s*"([^"]{0,32})"/g)) {
    brands.push([match[1] as string, match[2] as string]);
  }
  return brands;
}

const unquote = (value: string | undefined): string | undefined =>
  value === undefined ? undefined : value.replace(/^"|"$/g, '').slice(0, 64) || undefined;

// Brand names in hints → the names Bowser gives, so one browser is counted under one name.
const BRANDS: Record<string, string> = {
  'Google Chrome': 'Chrome',
  'Microsoft Edge': 'Microsoft Edge',
  Opera: 'Opera',
  Brave: 'Brave',
  Vivaldi: 'Vivaldi',
  'Samsung Internet': 'Samsung Internet for Android',
};

const PLATFORMS: Record<string, string> = { macOS: 'macOS', 'Chrome OS': 'Chrome OS', ChromeOS: 'Chrome OS' };

/** Hints win over the (frozen) UA string wherever they say more. Bots are left as they are. */
export function applyClientHints(info: UserAgentInfo, hints: ClientHintHeaders): UserAgentInfo {
  if (info.is_bot) return info;
  const out = { ...info };
  const brands = parseBrandList(header(hints, 'sec-ch-ua-full-version-list') ?? header(hints, 'sec-ch-ua'));
  const known = brands.find(([name]) => BRANDS[name]) ?? brands.find(([name]) => name === 'Chromium');
  if (known) {
    out.browser = BRANDS[known[0]] ?? out.browser ?? known[0];
    if (known[1]) out.browser_version = known[1];
  }
  const platform = unquote(header(hints, 'sec-ch-ua-platform'));
  if (platform && platform !== 'Unknown') {
    out.os = PLATFORMS[platform] ?? platform;
  }
  const mobile = header(hints, 'sec-ch-ua-mobile');
  if (mobile === '?1') out.device = 'mobile';
  else if (mobile === '?0' && out.device === 'mobile') out.device = 'desktop';
  return out;
}
