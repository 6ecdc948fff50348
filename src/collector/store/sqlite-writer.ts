import type { Database } from 'better-sqlite3';
import { GroupCommit } from './group-commit.js';
import { type WriteOp, type WriteOps, type Writer, writeOps } from './sqlite-writes.js';

/** Runs an operation by name: the one place the op name meets its function. */
export function runOp(ops: WriteOps, op: WriteOp, args: readonly unknown[]): unknown {
  // Each op checks its own arguments' types at the call site (Writer.write); here they are data.
  return (ops[op] as (...a: readonly unknown[]) => unknown)(...args);
}

/** The writer on the calling thread's own connection: group commits, no thread hop. */
export class MainThreadWriter implements Writer {
  private readonly commits: GroupCommit;
  private readonly ops: WriteOps;

  constructor(db: Database, commitWindowMs = 0) {
    this.commits = new GroupCommit(db, commitWindowMs);
    this.ops = writeOps(db);
  }

  write<K extends WriteOp>(op: K, ...args: Parameters<WriteOps[K]>): Promise<ReturnType<WriteOps[K]>> {
    return this.commits.submit(() => runOp(this.ops, op, args) as ReturnType<WriteOps[K]>);
  }

  async close(): Promise<void> {
    this.commits.flush();
  }
}
