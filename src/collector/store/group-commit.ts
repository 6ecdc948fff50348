import type { Database } from 'better-sqlite3';

interface Job {
  run(): unknown;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/**
 * Group commit: writes submitted during one turn of the event loop share one transaction, so one
 * fsync acknowledges many requests. Each caller's promise settles only after that transaction
 * committed (or rolled back: then every caller in the group gets the error and answers 503, so the
 * client resends; nothing of the group was stored). With synchronous=FULL a resolved write survives
 * a crash.
 */
export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;

  constructor(private readonly db: Database) {}

  /** Run `work` inside the next group transaction; resolves with its result after the commit. */
  submit<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run: work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commit what is queued now (also called on close, so no accepted write is left behind). */
  flush(): void {
    this.scheduled = false;
    const jobs = this.queue;
    this.queue = [];
    if (!jobs.length) return;
    let results: unknown[];
    try {
      results = this.db.transaction(() => jobs.map((job) => job.run())).immediate();
    } catch (err) {
      for (const job of jobs) job.reject(err);
      return;
    }
    jobs.forEach((job, i) => {
      job.resolve(results[i]);
    });
  }
}
