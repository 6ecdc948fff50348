import { resolve } from 'node:path';
import { defineConfig, type ViteUserConfig as UserConfig } from 'vitest/config';

const root = import.meta.dirname;

// Compile-time switch for the script's web-vitals part: `CL_VITALS=0 vite build --mode client`
// builds the script without it, so `npm run bench:size` can show what vitals cost.
const vitals = !['0', 'false', 'off'].includes(process.env.CL_VITALS ?? '');

/**
 * Writes each run of Japanese or Korean characters (U+3000–U+D7A3) of the built-in texts as `~`
 * and, per character, three base-36 digits of its distance from U+3000; `unpack()` in texts.ts
 * turns them back. gzip packs these ASCII digits far better than UTF-8 or `\u` escapes: -62 B
 * gzip, decoder included; one `~` per run instead of one per character: -77 B more. A run must
 * not be followed by a lower-case letter or digit (the decoder would read it as part of the run).
 */
const packCjk = {
  name: 'consentlog:pack-cjk',
  transform(code: string, id: string) {
    if (!id.endsWith('/consent/banner/texts.ts')) return null;
    const packed = code.replace(/[\u3000-\ud7a3]+/g, (run, at: number) => {
      if (/[0-9a-z]/.test(code.charAt(at + run.length)))
        throw new Error(`pack-cjk: "${run}" is followed by [0-9a-z]`);
      return `~${[...run].map((ch) => (ch.charCodeAt(0) - 0x3000).toString(36).padStart(3, '0')).join('')}`;
    });
    return { code: packed, map: null };
  },
};

// One config, several builds (see DESIGN.md "Config files"): the mode picks the build.
function clientIife(): UserConfig {
  return {
    publicDir: false,
    plugins: [packCjk],
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      // ES2022 browsers (Chrome 94, Firefox 93, Safari 16.4): `?.`, `??` and class fields stay as
      // written instead of being spelled out, which is worth ~400 bytes gzip.
      target: 'es2022',
      minify: 'terser',
      terserOptions: {
        ecma: 2020,
        compress: {
          passes: 3,
          unsafe_arrows: true,
          unsafe_methods: true,
          pure_getters: true,
          hoist_funs: true,
          // `unsafe`: assumes the page has not replaced built-ins (`String`, `Array`, …) with
          // look-alikes, as any library must. `inline: 1` inlines only functions without
          // variables of their own: fewer copies of bodies. Both -43 B gzip. Not `unsafe_comps`:
          // the cookie decoder relies on comparisons with NaN being false.
          unsafe: true,
          inline: 1,
          keep_fargs: false,
        },
        // Private members start with `_` so they can be mangled (STYLE.md §4).
        mangle: { properties: { regex: /^_/ } },
        // `ascii_only`: Japanese and Korean texts as `\uXXXX` escapes. Each character is 6 bytes
        // instead of 3, but hex digits compress far better than UTF-8's high bytes: -173 B gzip.
        format: { comments: false, ascii_only: true },
      },
      lib: {
        entry: resolve(root, 'src/client/loader.ts'),
        name: 'consentlog',
        formats: ['iife'],
        fileName: () => 'consentlog.js',
      },
      // No `Symbol.toStringTag` on the global: nothing reads it, and it costs 30 bytes gzip.
      rolldownOptions: { output: { generatedCode: { symbols: false } } },
    },
  };
}

function clientEsm(): UserConfig {
  return {
    publicDir: false,
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2019',
      minify: false,
      lib: {
        entry: resolve(root, 'src/client/index.ts'),
        formats: ['es'],
        fileName: () => 'consentlog.mjs',
      },
    },
  };
}

function collector(): UserConfig {
  return {
    publicDir: false,
    build: {
      outDir: 'dist/collector',
      emptyOutDir: true,
      target: 'node20',
      ssr: true,
      minify: false,
      rollupOptions: {
        input: {
          cli: resolve(root, 'src/collector/cli.ts'),
          index: resolve(root, 'src/collector/index.ts'),
          // The store's worker thread, loaded by path at run time (store/worker-spawn.ts).
          'sqlite-checkpointer': resolve(root, 'src/collector/store/sqlite-checkpointer-worker.ts'),
        },
        output: {
          entryFileNames: '[name].js',
          banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
        },
      },
    },
  };
}

/**
 * The analyst page (src/dashboard → dist/dashboard), served by the collector at /dashboard/ with a
 * strict CSP: hashed asset names (cached for long), no inline script, no module-preload polyfill.
 */
function dashboard(): UserConfig {
  return {
    root: resolve(root, 'src/dashboard'),
    base: '/dashboard/',
    publicDir: false,
    build: {
      outDir: resolve(root, 'dist/dashboard'),
      emptyOutDir: true,
      target: 'es2022',
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
    },
  };
}

export default defineConfig(({ mode }) => {
  const base: UserConfig = {
    define: { __CL_VITALS__: JSON.stringify(vitals) },
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'unit-node',
            environment: 'node',
            include: [
              'test/unit/shared/**/*.test.ts',
              'test/unit/collector/**/*.test.ts',
              'test/size/**/*.test.ts',
            ],
          },
        },
        {
          extends: true,
          test: {
            name: 'unit-happy-dom',
            environment: 'happy-dom',
            include: ['test/unit/client/**/*.test.ts', 'test/unit/dashboard/**/*.test.ts'],
          },
        },
        {
          extends: true,
          test: {
            name: 'browser-chromium',
            environment: 'node',
            include: ['test/e2e/**/*.test.ts'],
            testTimeout: 60_000,
            hookTimeout: 60_000,
            // One Chromium at a time: the machines have two cores.
            fileParallelism: false,
          },
        },
      ],
    },
  };
  if (mode === 'client') return { ...base, ...clientIife() };
  if (mode === 'client-esm') return { ...base, ...clientEsm() };
  if (mode === 'collector') return { ...base, ...collector() };
  if (mode === 'dashboard') return { ...base, ...dashboard() };
  return base;
});
