import type pg from 'pg';
import { CONSENT_STORED, columnValue, withoutEmptyCipher } from './stored-columns.js';
import type { ConsentQuery, ConsentRow, InsertResult, StoredConsentRow } from './types.js';

const PAGE = 1000;

/** Consent records and banner text versions (PostgreSQL). */
export function consentQueries(pool: pg.Pool) {
  const insertSql = `INSERT INTO consent_log (${CONSENT_STORED.join(', ')})
    VALUES (${CONSENT_STORED.map((_, i) => `$${i + 1}`).join(', ')})
    ON CONFLICT (consent_id, ts, method) DO NOTHING`;
  return {
    async insert(row: ConsentRow): Promise<InsertResult> {
      const { rowCount } = await pool.query(
        insertSql,
        CONSENT_STORED.map((c) => columnValue(row, c)),
      );
      const inserted = rowCount ?? 0;
      return { inserted, duplicates: 1 - inserted };
    },
    async putTexts(hash: string, texts: string, at: number): Promise<boolean> {
      const { rowCount } = await pool.query(
        'INSERT INTO consent_texts (hash, texts, first_seen) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING',
        [hash, texts, at],
      );
      return rowCount === 1;
    },
    async texts(hash: string): Promise<string | null> {
      const { rows } = await pool.query<{ texts: string }>(
        'SELECT texts FROM consent_texts WHERE hash = $1',
        [hash],
      );
      return rows[0]?.texts ?? null;
    },
    /** Decisions in stored order, keyset page by page (never all in memory). */
    async *rows(query: ConsentQuery): AsyncIterable<StoredConsentRow> {
      const parts = ['seq > $1'];
      const params: unknown[] = [0];
      const add = (sql: string, value: unknown) => {
        params.push(value);
        parts.push(sql.replaceAll('?', `$${params.length}`));
      };
      if (query.since !== undefined) add('ts >= ?', query.since);
      if (query.site !== undefined) add('site = ?', query.site);
      if (query.consentId !== undefined) add('(consent_id = ? OR previous_consent_id = ?)', query.consentId);
      const sql = `SELECT seq, ${CONSENT_STORED.join(', ')} FROM consent_log WHERE ${parts.join(' AND ')}
        ORDER BY seq LIMIT ${PAGE}`;
      for (;;) {
        const { rows } = await pool.query<StoredConsentRow>(sql, params);
        for (const row of rows) {
          params[0] = row.seq;
          yield withoutEmptyCipher(row);
        }
        if (rows.length < PAGE) return;
      }
    },
  };
}
