import { spawn } from 'node:child_process';
import { CLI } from '../lib/built.js';

export interface ExportRun {
  format: 'ndjson' | 'csv';
  scope: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  bytes: number;
}

/**
 * Runs the built `consentlog export` as a user would and counts what it writes to its stdout (a
 * pipe, so disk speed stays out of it). Rows are counted from the output's line ends.
 */
export function timeExport(db: string, format: 'ndjson' | 'csv', site?: string): Promise<ExportRun> {
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
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`consentlog export exited with ${code}`));
      const seconds = (performance.now() - started) / 1000;
      // CSV starts with a header row; no exported value holds a line break in this data set.
      const rows = format === 'csv' ? lines - 1 : lines;
      resolve({
        format,
        scope: site ? `site ${site}` : 'all sites',
        rows,
        seconds,
        rowsPerSecond: rows / seconds,
        bytes,
      });
    });
  });
}
