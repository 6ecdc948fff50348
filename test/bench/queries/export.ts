import { spawn } from 'node:child_process';
import { CLI } from '../lib/built.js';

export interface ExportRun {
  format: 'ndjson' | 'csv';
  scope: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  bytes: number;
  /** False when the time box stopped the export: rows/s then come from the rows written until then. */
  complete: boolean;
}

/**
 * Runs the built `consentlog export` as a user would and counts what it writes to its stdout (a
 * pipe, so disk speed stays out of it). Rows are counted from the output's complete lines. Time-boxed:
 * after `maxSeconds` the export is stopped and rows/s is what it wrote until then (process start
 * included either way), so a million-row export costs the run seconds, not minutes.
 */
export function timeExport(
  db: string,
  format: 'ndjson' | 'csv',
  maxSeconds: number,
  site?: string,
): Promise<ExportRun> {
  const args = [
    CLI,
    'export',
    '--db',
    db,
    '--format',
    format,
    '--since',
    'all',
    ...(site ? ['--site', site] : []),
  ];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let bytes = 0;
    let lines = 0;
    let stoppedAt: number | null = null;
    const box = setTimeout(() => {
      stoppedAt = performance.now();
      child.stdout.removeAllListeners('data'); // what arrives after the box closes does not count
      child.kill('SIGTERM');
    }, maxSeconds * 1000);
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(box);
      const complete = stoppedAt === null;
      if (complete && code !== 0) return reject(new Error(`consentlog export exited with ${code}`));
      const seconds = ((stoppedAt ?? performance.now()) - started) / 1000;
      // CSV starts with a header row; no exported value holds a line break in this data set.
      const rows = format === 'csv' ? Math.max(0, lines - 1) : lines;
      resolve({
        format,
        scope: site ? `site ${site}` : 'all sites',
        rows,
        seconds,
        rowsPerSecond: rows / seconds,
        bytes,
        complete,
      });
    });
  });
}
