// `npx tsx test/size/parts.ts`: where the script's bytes go, per source file. Builds the IIFE with
// a hidden source map (the code is the same as dist/consentlog.js) and attributes each minified
// character to the file it came from. "gzip share" is what the whole script's gzip -9 size drops by
// when that file's characters are taken out, so shared context is counted where it is used.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bytesPerSource, type SourceMapV3 } from '../bench/lib/sourcemap-parts.js';

const root = join(import.meta.dirname, '../..');
const outDir = join(root, 'node_modules/.cache/size-parts');
const vite = join(root, 'node_modules/vite/bin/vite.js');
const args = ['build', '--mode', 'client', '--outDir', outDir, '--sourcemap', 'hidden'];
const built = spawnSync(process.execPath, [vite, ...args, '--logLevel', 'warn'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (built.status !== 0) throw new Error('vite build failed');

const code = readFileSync(join(outDir, 'consentlog.js'), 'utf8');
const map = JSON.parse(readFileSync(join(outDir, 'consentlog.js.map'), 'utf8')) as SourceMapV3;
const gz = (text: string): number => gzipSync(text, { level: 9 }).length;
const total = gz(code);

// Rebuild the script with one source's characters removed, in generated order.
const owners: string[] = [];
const pieces: string[] = [];
const parts = bytesPerSource(code, map, (owner, text) => {
  owners.push(owner);
  pieces.push(text);
});
const name = (s: string): string => relative(root, join(outDir, s)).replace(/^node_modules\//, 'npm ');
const rows = [...parts].map(([source, text]) => {
  const without = pieces.filter((_, i) => owners[i] !== source).join('');
  return { file: name(source), raw: text.length, share: total - gz(without) };
});
rows.sort((a, b) => b.share - a.share);
const pad = (v: string | number, n: number): string => String(v).padStart(n);
console.log(`${'file'.padEnd(48)} ${pad('raw', 6)} ${pad('gzip share', 10)}`);
for (const r of rows) console.log(`${r.file.padEnd(48)} ${pad(r.raw, 6)} ${pad(r.share, 10)}`);
console.log(`${'total (gzip -9 of the whole)'.padEnd(48)} ${pad(code.length, 6)} ${pad(total, 10)}`);
