import { resolve } from 'node:path';
import { defineConfig, type ViteUserConfig as UserConfig } from 'vitest/config';

const root = import.meta.dirname;

// Compile-time switch for the script's web-vitals part: `CL_VITALS=0 vite build --mode client`
// builds the script without it, so `npm run bench:size` can show what vitals cost.
const vitals = !['0', 'false', 'off'].includes(process.env.CL_VITALS ?? '');

// One config, several builds (see DESIGN.md "Config files"): the mode picks the build.
function clientIife(): UserConfig {
  return {
    publicDir: false,
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
        },
        // Private members start with `_` so they can be mangled (STYLE.md §4).
        mangle: { properties: { regex: /^_/ } },
        format: { comments: false },
      },
      lib: {
        entry: resolve(root, 'src/client/loader.ts'),
        name: 'consentlog',
        formats: ['iife'],
        fileName: () => 'consentlog.js',
      },
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
