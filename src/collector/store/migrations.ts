/// <reference types="vite/client" />

/** One numbered SQL migration, named like fastify/demo's `001.do.users.sql` (STYLE.md §11). */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * SQLite migrations, inlined at build time by Vite (`?raw`), so the bundled CLI needs no files
 * next to it. Adding a migration is adding the next numbered file; nothing else to register.
 * Each backend keeps its own folder because the SQL dialects differ (INTEGER vs BIGINT, …).
 */
const sqliteFiles = import.meta.glob<string>('./migrations/sqlite/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export const SQLITE_MIGRATIONS: readonly Migration[] = parseMigrations(sqliteFiles);

const postgresFiles = import.meta.glob<string>('./migrations/postgres/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export const POSTGRES_MIGRATIONS: readonly Migration[] = parseMigrations(postgresFiles);

/** Files `NNN.do.name.sql` → migrations sorted by version; gaps or repeats are a programming error. */
export function parseMigrations(files: Record<string, string>): Migration[] {
  const migrations = Object.entries(files).map(([path, sql]) => {
    const match = /(\d+)\.do\.([\w-]+)\.sql$/.exec(path);
    if (!match) throw new Error(`migration file name must be NNN.do.name.sql, got ${path}`);
    return { version: Number(match[1]), name: match[2] as string, sql };
  });
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration ${m.version}.${m.name} is out of sequence (expected ${i + 1})`);
  });
  return migrations;
}
