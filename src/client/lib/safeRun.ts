/**
 * Runs `fn` and swallows anything it throws: the script must never throw into the host page
 * (STYLE.md §6). Returns `undefined` when `fn` failed.
 */
export function safeRun<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    // Do nothing: a failing feature must not break the page that embeds us.
    return undefined;
  }
}
