import type { Database } from 'better-sqlite3';
import { withoutEmptyCipher } from './stored-columns.js';
import type { ConsentQuery, StoredConsentRow } from './types.js';

const PAGE = 1000;

/**
 * The SQL of the consent records beyond the insert itself: text versions and reading the log
 * back. Kept apart from the access log's SQL (sqlite.ts), which it shares only the connection with.
 */
export class SqliteConsentSql {
  private readonly putTextsStmt;
  private readonly textsStmt;

  constructor(private readonly db: Database) {
    this.putTextsStmt = db.prepare(
      'INSERT INTO consent_texts (hash, texts, first_seen) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING',
    );
    this.textsStmt = db.prepare('SELECT texts FROM consent_texts WHERE hash = ?').pluck();
  }

  /** Keeps a text version once; `true` when it was new. */
  putTexts(hash: string, texts: string, at: number): boolean {
    return this.putTextsStmt.run(hash, texts, at).changes === 1;
  }

  texts(hash: string): string | null {
    return (this.textsStmt.get(hash) as string | undefined) ?? null;
  }

  /** Decisions in the order they were stored, page by page (never all in memory). */
  *rows(query: ConsentQuery): Iterable<StoredConsentRow> {
    const parts = ['seq > @after'];
    const params: Record<string, unknown> = {};
    for (const [key, sql] of [
      ['since', 'ts >= @since'],
      ['site', 'site = @site'],
      ['consentId', '(consent_id = @consentId OR previous_consent_id = @consentId)'],
    ] as const) {
      if (query[key] === undefined) continue;
      parts.push(sql);
      params[key] = query[key];
    }
    const page = this.db.prepare(
      `SELECT * FROM consent_log WHERE ${parts.join(' AND ')} ORDER BY seq LIMIT ${PAGE}`,
    );
    let after = 0;
    for (;;) {
      const rows = page.all({ ...params, after }) as StoredConsentRow[];
      for (const row of rows) {
        after = row.seq;
        yield withoutEmptyCipher(row);
      }
      if (rows.length < PAGE) return;
    }
  }
}
