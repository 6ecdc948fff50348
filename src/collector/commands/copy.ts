import { existsSync } from 'node:fs';
import { parseCount } from '../config-parse.js';
import { copySqliteToPostgres } from '../store/copy-sqlite-postgres.js';
import { openPostgresStore } from '../store/postgres.js';
import { isPostgresUrl, redactUrl } from '../store/postgres-pool.js';
import { openSqliteStore } from '../store/sqlite.js';
import { type Command, stringValue, UsageError } from './spec.js';

/** `consentlog copy --from FILE.db --to postgres://…`: move an installation, safely re-runnable. */
export const copyCommand: Command = {
  name: 'copy',
  summary: 'Copy a SQLite database into PostgreSQL in batches; re-running resumes and stores nothing twice.',
  options: [
    { name: 'from', type: 'string', arg: 'FILE', description: 'The SQLite file to read (opened read-only).' },
    {
      name: 'to',
      type: 'string',
      arg: 'URL',
      description: 'postgres:// URL of the target database (migrated first; env DATABASE_URL).',
    },
    { name: 'batch', type: 'string', arg: 'N', description: 'Rows per transaction (default 1000).' },
  ],
  async run(values, io) {
    const from = stringValue(values, 'from');
    const to = stringValue(values, 'to') ?? io.env?.DATABASE_URL;
    if (!from) throw new UsageError('--from FILE is required');
    if (!existsSync(from)) throw new UsageError(`--from: no database at ${from}`);
    if (!to || !isPostgresUrl(to)) throw new UsageError('--to must be a postgres:// URL');
    let batch = 1000;
    try {
      const raw = stringValue(values, 'batch');
      if (raw !== undefined) batch = Math.max(1, parseCount('--batch', raw, 100_000));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    // The source's schema brought up to date first: the copy reads the columns of every migration
    // (e.g. the cipher texts of issue 9), which a file from an older version lacks.
    await openSqliteStore(from, { mustExist: true }).close();
    const store = await openPostgresStore(to, { poolSize: 2 });
    try {
      io.stderr.write(`copying ${from} → ${redactUrl(to)}\n`);
      const summary = await copySqliteToPostgres(from, store, {
        batch,
        onProgress: (p) => io.stderr.write(`${p.table}: ${p.done}/${p.total} read, ${p.stored} stored\n`),
      });
      for (const [table, c] of Object.entries(summary))
        io.stdout.write(
          `${table.padEnd(14)} ${c.read} read, ${c.stored} stored, ${c.read - c.stored} already there\n`,
        );
      return 0;
    } finally {
      await store.close();
    }
  },
};
