/**
 * The SQLite-specific part of time bucketing: bucket bounds arrive as one JSON array parameter and
 * become a small table to join on (`b.t` start, `b.e` end). PostgreSQL would use `unnest` instead.
 */
export const bucketsCte = (param: string): string =>
  `b(t, e) AS (SELECT value ->> 0, value ->> 1 FROM json_each(@${param}))`;

/** `[[start, end], …]` from n+1 ascending boundaries. */
export function bucketPairs(bounds: readonly number[]): string {
  const pairs: [number, number][] = [];
  for (let i = 0; i + 1 < bounds.length; i++) pairs.push([bounds[i] as number, bounds[i + 1] as number]);
  return JSON.stringify(pairs);
}
