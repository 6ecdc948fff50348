import type pg from 'pg';
import type { StoredToken, TokenInfo } from './types.js';

const INFO = 'id, name, role, created_at, revoked_at';

/** The api_tokens table on PostgreSQL: the same behaviour as sqlite-tokens.ts. */
export function tokenQueries(pool: pg.Pool) {
  return {
    async create(token: StoredToken): Promise<void> {
      try {
        await pool.query(
          'INSERT INTO api_tokens (id, name, role, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)',
          [token.id, token.name, token.role, token.token_hash, token.created_at],
        );
      } catch (err) {
        if ((err as { code?: string }).code === '23505') {
          throw new Error(`a token named ${JSON.stringify(token.name)} already exists`);
        }
        throw err;
      }
    },
    async list(): Promise<TokenInfo[]> {
      return (await pool.query<TokenInfo>(`SELECT ${INFO} FROM api_tokens ORDER BY created_at, id`)).rows;
    },
    async revoke(nameOrId: string, at: number): Promise<boolean> {
      const result = await pool.query(
        'UPDATE api_tokens SET revoked_at = $1 WHERE (name = $2 OR id = $2) AND revoked_at IS NULL',
        [at, nameOrId],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async byHash(hash: string): Promise<TokenInfo | null> {
      const { rows } = await pool.query<TokenInfo>(
        `SELECT ${INFO} FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`,
        [hash],
      );
      return rows[0] ?? null;
    },
  };
}
