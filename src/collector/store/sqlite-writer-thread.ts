import type { Worker } from 'node:worker_threads';
import { fromWireError, type WriterInit, type WriterMessage } from './sqlite-writer-protocol.js';
import type { WriteOp, WriteOps, Writer } from './sqlite-writes.js';
import { spawnStoreWorker } from './worker-spawn.js';

interface Pending {
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/** Answered 503 (errors.ts): the writes in flight were not committed, the client resends. */
export class WriterExitedError extends Error {
  readonly code = 'CONSENTLOG_WRITER_EXITED';
  constructor(cause?: unknown) {
    super('the SQLite writer thread stopped; nothing of the pending writes was acknowledged', { cause });
  }
}

/**
 * The writer in a worker thread with its own connection. Each write is a message; the worker
 * answers after the commit that holds it, so a resolved write is as durable as on the main thread.
 * The worker is unref'd while idle (an open store does not keep a process alive) and ref'd while
 * writes are pending or it is closing. If it dies, pending writes fail (503) and the next write
 * starts a new one.
 */
export class ThreadWriter implements Writer {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closing: Promise<void> | undefined;

  constructor(private readonly init: WriterInit) {}

  write<K extends WriteOp>(op: K, ...args: Parameters<WriteOps[K]>): Promise<ReturnType<WriteOps[K]>> {
    if (this.closing) return Promise.reject(new WriterExitedError());
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ type: 'write', id, op, args });
    });
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((done) => {
      const worker = this.worker;
      if (!worker) return done();
      worker.ref();
      worker.once('exit', () => done());
      worker.postMessage({ type: 'close' });
    });
    return this.closing;
  }

  private start(): Worker {
    const worker = spawnStoreWorker('sqlite-writer', this.init);
    worker.on('message', (msg: WriterMessage) => this.receive(msg));
    worker.on('error', (err) => this.failAll(new WriterExitedError(err)));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new WriterExitedError());
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private receive(msg: WriterMessage): void {
    if (!Array.isArray(msg)) return; // { closed }: the 'exit' event follows
    for (const reply of msg) {
      const job = this.pending.get(reply.id);
      if (!job) continue;
      this.pending.delete(reply.id);
      if ('error' in reply) job.reject(fromWireError(reply.error));
      else job.resolve(revive(reply.value));
    }
    if (!this.pending.size && !this.closing) this.worker?.unref();
  }

  private failAll(err: Error): void {
    for (const job of this.pending.values()) job.reject(err);
    this.pending.clear();
  }
}

/** A Buffer (the IP salt) crosses the thread as a plain Uint8Array. */
function revive(value: unknown): unknown {
  return value instanceof Uint8Array && !Buffer.isBuffer(value)
    ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    : value;
}
