import { PATHS } from '../../shared/limits.js';
import { getConfig } from '../config.js';
import { getCookie, removeCookie } from '../lib/cookies.js';
import { postJson } from '../lib/post.js';

/** Everything the collector holds about this browser's visitor id (see docs/privacy.md). */
export interface MyData {
  visitor_id: string;
  exported_at: string;
  access_log: Record<string, unknown>[];
  bad_rows: Record<string, unknown>[];
  consent_log: Record<string, unknown>[];
}

export interface MyDeletion {
  deleted: { access_log: number; bad_rows: number; consent_detached: number };
}

/**
 * POST the visitor id (a 128-bit secret only this browser holds: possession is the proof) to the
 * collector, in the body so it never lands in an access log. `null` when this browser has no id,
 * so nothing is held about it. Rejects with an Error when the collector cannot answer.
 */
async function ask<T>(path: string): Promise<T | null> {
  const config = getConfig();
  if (!config) throw new Error('consentlog: call init() first');
  // The first-party visitor-id cookie, made by the tracker once analytics is granted.
  const id = getCookie(config.visitorCookie);
  if (!id || !/^[0-9a-f]{32}$/.test(id)) return null;
  const response = await postJson(config.collector + path, { visitor_id: id });
  if (!response.ok) throw new Error(`consentlog: the collector answered ${response.status}`);
  return (await response.json()) as T;
}

/** The visitor's own rows, as JSON (right of access and portability). */
export const exportMyData = (): Promise<MyData | null> => ask<MyData>(PATHS.privacyExport);

/**
 * Delete the visitor's rows, then forget the id so what is sent later cannot be linked to what
 * was deleted (consent records stay on the collector as proof, detached).
 */
export async function deleteMyData(): Promise<MyDeletion | null> {
  const result = await ask<MyDeletion>(PATHS.privacyDelete);
  const config = getConfig();
  if (result && config) removeCookie(config.visitorCookie);
  return result;
}
