import type { ConnectionOptions } from './sqlite-connection.js';
import type { WriteOp } from './sqlite-writes.js';

/** What the writer thread is started with (workerData). */
export interface WriterInit {
  path: string;
  options: ConnectionOptions;
  commitWindowMs: number;
}

export type WriterRequest = { type: 'write'; id: number; op: WriteOp; args: unknown[] } | { type: 'close' };

/** An error crosses the thread as data; `code` (SQLITE_BUSY, SQLITE_FULL, …) decides the 503. */
export interface WireError {
  name: string;
  message: string;
  code?: string;
}

export type WriterReply = { id: number; value: unknown } | { id: number; error: WireError };

/** Replies of one group commit travel together; `closed` is the last message before exit. */
export type WriterMessage = WriterReply[] | { closed: true };

export function toWireError(err: unknown): WireError {
  const e = err as { name?: unknown; message?: unknown; code?: unknown } | null;
  return {
    name: typeof e?.name === 'string' ? e.name : 'Error',
    message: typeof e?.message === 'string' ? e.message : String(err),
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
  };
}

export function fromWireError(wire: WireError): Error & { code?: string } {
  const err: Error & { code?: string } = new Error(wire.message);
  err.name = wire.name;
  if (wire.code !== undefined) err.code = wire.code;
  return err;
}
