// `npm run bench:size`: bytes a site loads for consentlog and for the alternatives, side by side.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { type Cell, printTable, RESULTS, ROOT, round, writeResult } from './lib/report.js';
import { bytesPerSource, partOf, type SourceMapV3 } from './lib/sourcemap-parts.js';

interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

interface Entry {
  name: string;
  version: string;
  files: string[];
}

/** gzip -9 through zlib, the same as the size-budget test; brotli at its highest quality. */
function sizeOf(data: Buffer | string): Size {
  const raw = Buffer.from(data);
  return {
    raw: raw.length,
    gzip: gzipSync(raw, { level: 9 }).length,
    brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Each file is its own request, so each is compressed on its own and the sizes add up. */
function sizeOfFiles(files: string[]): Size {
  const total: Size = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const s = sizeOf(readFileSync(join(ROOT, file)));
    total.raw += s.raw;
    total.gzip += s.gzip;
    total.brotli += s.brotli;
  }
  return total;
}

const version = (pkg: string): string =>
  JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;

/** Builds the IIFE into `outDir` with the given env; `hidden` source maps leave the code unchanged. */
function buildClient(outDir: string, env: Record<string, string>): string {
  const result = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--mode',
      'client',
      '--outDir',
      outDir,
      '--sourcemap',
      'hidden',
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (result.status !== 0) throw new Error(`vite build failed (${env.CL_VITALS ?? 'default'})`);
  return join(outDir, 'consentlog.js');
}

const ALTERNATIVES: Entry[] = [
  {
    name: 'vanilla-cookieconsent JS + CSS',
    version: version('vanilla-cookieconsent'),
    files: [
      'node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js',
      'node_modules/vanilla-cookieconsent/dist/cookieconsent.css',
    ],
  },
  {
    name: 'Klaro (JS with CSS and translations)',
    version: version('klaro'),
    files: ['node_modules/klaro/dist/klaro.js'],
  },
  {
    name: 'Osano cookieconsent JS + CSS',
    version: version('cookieconsent'),
    files: [
      'node_modules/cookieconsent/build/cookieconsent.min.js',
      'node_modules/cookieconsent/build/cookieconsent.min.css',
    ],
  },
  {
    name: 'Plausible tracker (npm, ESM)',
    version: version('@plausible-analytics/tracker'),
    files: ['node_modules/@plausible-analytics/tracker/plausible.js'],
  },
];

function partsTable(script: string): { part: string; raw: number; gzipAlone: number }[] {
  const code = readFileSync(script, 'utf8');
  const map = JSON.parse(readFileSync(`${script}.map`, 'utf8')) as SourceMapV3;
  const byPart = new Map<string, string>();
  for (const [source, text] of bytesPerSource(code, map)) {
    const part = partOf(source);
    byPart.set(part, (byPart.get(part) ?? '') + text);
  }
  return [...byPart]
    .map(([part, text]) => ({ part, raw: Buffer.byteLength(text), gzipAlone: sizeOf(text).gzip }))
    .sort((a, b) => b.raw - a.raw);
}

function main(): void {
  // The target (12,000 B), not the ceiling the size test enforces while the script is above it.
  const entry = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).sizeBudget['dist/consentlog.js'];
  const budget = (entry.target ?? entry.gzip) as number;
  const full = buildClient(join(RESULTS, 'size-build/full'), { CL_VITALS: '1' });
  const lean = buildClient(join(RESULTS, 'size-build/no-vitals'), { CL_VITALS: '0' });
  const dist = join(ROOT, 'dist/consentlog.js');
  const ours = sizeOfFiles([full.slice(ROOT.length + 1)]);
  const noVitals = sizeOfFiles([lean.slice(ROOT.length + 1)]);
  const rows = [
    { name: 'consentlog (dist/consentlog.js)', version: version('..'), size: ours },
    { name: 'consentlog without web vitals', version: 'CL_VITALS=0', size: noVitals },
    ...ALTERNATIVES.map((e) => ({
      name: e.name,
      version: e.version,
      size: sizeOfFiles(e.files),
      files: e.files,
    })),
  ];
  const table: Cell[][] = rows.map((r) => [
    r.name,
    r.version,
    r.size.raw,
    r.size.gzip,
    r.size.brotli,
    `${round(r.size.gzip / ours.gzip, 2)}×`,
  ]);
  printTable(
    'Size of what a site loads (bytes; each file compressed on its own, sizes added)',
    ['entry', 'version', 'raw', 'gzip -9', 'brotli', 'gzip vs consentlog'],
    table,
  );
  const vanilla = rows[2]?.size.gzip ?? 0;
  const vitalsCost = ours.gzip - noVitals.gzip;
  console.log(
    `target: consentlog ≤ ${budget.toLocaleString('en-US')} B gzip -9 → ${ours.gzip.toLocaleString('en-US')} B, ` +
      `${ours.gzip <= budget ? 'met' : `MISSED by ${(ours.gzip - budget).toLocaleString('en-US')} B`}; ` +
      `${round((100 * ours.gzip) / vanilla, 0)}% of vanilla-cookieconsent's JS + CSS.`,
  );
  console.log(
    vitalsCost === 0
      ? 'web vitals: the two builds are identical in size: no client code is under `if (__CL_VITALS__)` yet.'
      : `web vitals cost ${vitalsCost.toLocaleString('en-US')} B gzip -9 (${(ours.raw - noVitals.raw).toLocaleString('en-US')} B raw).`,
  );
  if (existsSync(dist) && readFileSync(dist).length !== ours.raw) {
    console.log('note: dist/consentlog.js differs from this build (stale dist? run `npm run build`).');
  }
  const parts = partsTable(full);
  printTable(
    'Where consentlog\'s bytes go (minified bytes per part, from the source map; "gzip alone" compresses the part by itself, so parts add up to more than the whole)',
    ['part', 'raw', 'share', 'gzip alone'],
    parts.map((p) => [p.part, p.raw, `${round((100 * p.raw) / ours.raw, 1)}%`, p.gzipAlone]),
  );
  writeResult('size', { budgetGzip: budget, entries: rows, vitalsCostGzip: vitalsCost, parts });
}

main();
