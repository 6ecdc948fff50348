/** Small fast PRNG (mulberry32): the same seed gives the same million rows on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks from `values` with the given weights (a cumulative table and a binary search). */
export function weighted<T>(values: readonly T[], weights: readonly number[]): (r: number) => T {
  const cdf: number[] = [];
  let sum = 0;
  for (const w of weights) {
    sum += w;
    cdf.push(sum);
  }
  return (r) => {
    const x = r * sum;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return values[lo] as T;
  };
}

/** Zipf-like: the k-th most popular value is picked in proportion to 1 / k^s. */
export function zipf<T>(values: readonly T[], s = 1.1): (r: number) => T {
  return weighted(
    values,
    values.map((_, k) => 1 / (k + 1) ** s),
  );
}
