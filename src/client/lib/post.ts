/**
 * POSTs `data` as JSON text to the collector. A string body goes out as
 * `text/plain;charset=UTF-8` (Fetch "extract a body"), a CORS-safelisted type, so there is no
 * preflight and no header to spell out. `credentials: 'omit'` keeps the site's cookies away from
 * the collector, which gets every id it needs in the body; `keepalive` lets the request outlive
 * the page.
 */
export const postJson = (url: string, data: unknown, keepalive?: boolean): Promise<Response> =>
  fetch(url, { method: 'POST', keepalive, credentials: 'omit', body: JSON.stringify(data) });
