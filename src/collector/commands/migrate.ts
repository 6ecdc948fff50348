import { migratePostgres } from '../store/postgres-migrate.js';
import { ensureAhead } from '../store/postgres-partitions.js';
import { createPool, isPostgresUrl, redactUrl } from '../store/postgres-pool.js';
import { openSqliteStore } from '../store/sqlite.js';
import { type Command, dbValue } from './spec.js';

async function migrateUrl(url: string): Promise<{ applied: number[]; months: string[] }> {
  const pool = createPool(url, { poolSize: 2 });
  try {
    const applied = await migratePostgres(pool);
    return { applied, months: await ensureAhead(pool) };
  } finally {
    await pool.end();
  }
}

/**
 * Bring a database to the current schema without starting a collector (a deploy step before new
 * collectors roll out). `serve` migrates on start too; running both is harmless. On PostgreSQL it
 * also creates the access log's tables for the coming months (the maintenance step).
 */
export const migrateCommand: Command = {
  name: 'migrate',
  summary: "Apply the store's pending numbered migrations (SQLite file or PostgreSQL) and exit.",
  options: [
    {
      name: 'db',
      type: 'string',
      arg: 'PATH|URL',
      description:
        'SQLite file (created if missing) or postgres:// URL (env CONSENTLOG_DB or DATABASE_URL, default ./data/consentlog.db).',
    },
  ],
  async run(values, io) {
    const db = dbValue(values, io.env);
    if (isPostgresUrl(db)) {
      const { applied, months } = await migrateUrl(db);
      io.stdout.write(
        `${redactUrl(db)}: applied ${applied.length ? applied.join(', ') : 'nothing (schema current)'}; ` +
          `access-log months created: ${months.length ? months.join(', ') : 'none needed'}\n`,
      );
      return 0;
    }
    const store = openSqliteStore(db); // opening migrates
    await store.close();
    io.stdout.write(`${db}: schema current\n`);
    return 0;
  },
};
