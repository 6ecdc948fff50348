import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { csvLine } from './csv.js';

type Cell = string | number | null | undefined;

/** Write with backpressure, so a large export never piles up in memory. */
export async function write(stream: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/** One line per row, every column in `columns` order: CSV with a header row, or NDJSON. */
export async function streamRows<C extends string>(
  out: NodeJS.WritableStream,
  rows: AsyncIterable<{ [K in C]: Cell }>,
  columns: readonly C[],
  format: 'csv' | 'ndjson',
): Promise<void> {
  if (format === 'csv') await write(out, csvLine(columns));
  for await (const row of rows) {
    await write(out, format === 'csv' ? csvLine(columns.map((c) => row[c])) : `${JSON.stringify(row)}\n`);
  }
}

/** `--out FILE` or the command's stdout. */
export const openOut = (path: string | undefined, stdout: NodeJS.WritableStream): NodeJS.WritableStream =>
  path ? createWriteStream(path) : stdout;

/** Flushes and closes a file opened by `openOut`; the command's stdout stays open. */
export async function closeOut(out: NodeJS.WritableStream, stdout: NodeJS.WritableStream): Promise<void> {
  if (out === stdout) return;
  out.end();
  await once(out, 'finish');
}
