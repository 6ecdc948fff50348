import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

/** Repository root, from test/bench/lib. */
export const ROOT = resolve(import.meta.dirname, '../../..');
/** Git-ignored folder for raw results and cached fixtures. */
export const RESULTS = join(ROOT, 'bench-results');

export type Cell = string | number;

/** Right-aligned text table; numbers get thousands separators. */
export function formatTable(header: string[], rows: Cell[][]): string {
  const text = [header, ...rows].map((row) =>
    row.map((c) => (typeof c === 'number' ? c.toLocaleString('en-US') : c)),
  );
  const widths = header.map((_, i) => Math.max(...text.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)));
  const [head, ...body] = text;
  const out = [line(head ?? []).join('  '), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const r of body) out.push(line(r).join('  '));
  return out.join('\n');
}

export function printTable(title: string, header: string[], rows: Cell[][]): void {
  console.log(`\n${title}\n\n${formatTable(header, rows)}\n`);
}

/** What the numbers were measured on: they only compare within one run on one machine. */
export function machine(): Record<string, unknown> {
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
}

/** Writes `bench-results/<name>.json` with the machine facts beside the data; returns the path. */
export function writeResult(name: string, data: unknown): string {
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, `${name}.json`);
  writeFileSync(path, `${JSON.stringify({ machine: machine(), ...(data as object) }, null, 2)}\n`);
  console.log(`raw results: ${path}`);
  return path;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Rounds for display: `digits` decimals. */
export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;
