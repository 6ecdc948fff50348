import { defineConfig } from 'vitest/config';

// `npm run bench:client`: benchmarks print tables; they are not part of `npm test`.
export default defineConfig({
  root: `${import.meta.dirname}/../..`,
  test: {
    include: ['test/bench/**/*.bench.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
