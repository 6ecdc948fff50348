import type { SessionInfo } from './types.js';

const BASE = '/dashboard/api';

/** An API answer other than 2xx: `status` 401 means "sign in again"; `field` names a bad parameter. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

let csrf = '';
let onUnauthorised: () => void = () => {};

/** Called when any request finds the session gone (expired, signed out in another tab). */
export function whenUnauthorised(callback: () => void): void {
  onUnauthorised = callback;
}

async function failure(response: Response): Promise<ApiError> {
  let body: { error?: unknown; message?: unknown; field?: unknown } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  // The collector answers `{error: CODE, message: words, field?}`: show the words.
  const message =
    typeof body.message === 'string'
      ? body.message
      : typeof body.error === 'string'
        ? body.error
        : `HTTP ${response.status}`;
  return new ApiError(response.status, message, typeof body.field === 'string' ? body.field : undefined);
}

/** The URL of an API route with its query (also used for export links). */
export function apiUrl(path: string, params: URLSearchParams = new URLSearchParams()): string {
  const query = params.toString();
  return `${BASE}/${path}${query ? `?${query}` : ''}`;
}

/** GET a JSON route; the session cookie goes along (same origin). */
export async function apiGet<T>(path: string, params?: URLSearchParams, signal?: AbortSignal): Promise<T> {
  const response = await fetch(apiUrl(path, params), { headers: { accept: 'application/json' }, signal });
  if (response.status === 401) onUnauthorised();
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/** The current session, or null when signed out. */
export async function currentSession(): Promise<SessionInfo | null> {
  try {
    const session = await apiGet<SessionInfo>('session');
    csrf = session.csrf;
    return session;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export async function signIn(token: string): Promise<SessionInfo> {
  const response = await fetch(apiUrl('session'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (!response.ok) throw await failure(response);
  const session = (await response.json()) as SessionInfo;
  csrf = session.csrf;
  return session;
}

export async function signOut(): Promise<void> {
  const response = await fetch(apiUrl('session'), { method: 'DELETE', headers: { 'x-csrf-token': csrf } });
  csrf = '';
  if (!response.ok && response.status !== 401) throw await failure(response);
}
