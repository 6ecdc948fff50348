import type { Database, Transaction } from 'better-sqlite3';

interface Job {
  run(): unknown;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/**
 * Group commit: writes submitted during one turn of the event loop (or, with `windowMs`, during
 * that many milliseconds) share one transaction, so one commit (and with synchronous=FULL, one
 * fsync) acknowledges many requests. Each caller's promise settles only after that transaction
 * committed (or rolled back: then every caller in the group gets the error and answers 503, so the
 * client resends; nothing of the group was stored). With synchronous=FULL a resolved write survives
 * a power cut; with NORMAL it survives a crash of the process.
 */
export class GroupCommit {
  private queue: Job[] = [];
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  // Made once: better-sqlite3 builds several wrapper functions per transaction() call.
  private readonly runAll: Transaction<(jobs: Job[]) => unknown[]>;

  /**
   * @param windowMs 0 (default): commit at the end of the current event-loop turn, adding no
   *   latency. More: wait that long to gather more requests per commit, which pays on disks with
   *   slow fsync; every request then waits up to `windowMs` more.
   */
  constructor(
    db: Database,
    private readonly windowMs = 0,
  ) {
    this.runAll = db.transaction((jobs: Job[]) => jobs.map((job) => job.run()));
  }

  /** Run `work` inside the next group transaction; resolves with its result after the commit. */
  submit<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run: work, resolve: resolve as (v: unknown) => void, reject });
      this.timer ??=
        this.windowMs > 0 ? setTimeout(() => this.flush(), this.windowMs) : setImmediate(() => this.flush());
    });
  }

  /** Commit what is queued now (also called on close, so no accepted write is left behind). */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
      this.timer = undefined;
    }
    const jobs = this.queue;
    this.queue = [];
    if (!jobs.length) return;
    let results: unknown[];
    try {
      results = this.runAll.immediate(jobs);
    } catch (err) {
      for (const job of jobs) job.reject(err);
      return;
    }
    jobs.forEach((job, i) => {
      job.resolve(results[i]);
    });
  }
}
