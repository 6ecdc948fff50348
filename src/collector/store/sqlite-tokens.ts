import type { Database } from 'better-sqlite3';
import type { StoredToken, TokenInfo } from './types.js';

const INFO = 'id, name, role, created_at, revoked_at';

/** The api_tokens table: create, list, revoke, and look up a live token by its hash. */
export function tokenQueries(db: Database) {
  const insert = db.prepare(
    'INSERT INTO api_tokens (id, name, role, token_hash, created_at) VALUES (@id, @name, @role, @token_hash, @created_at)',
  );
  const list = db.prepare(`SELECT ${INFO} FROM api_tokens ORDER BY created_at, id`);
  const revoke = db.prepare(
    'UPDATE api_tokens SET revoked_at = ? WHERE (name = ? OR id = ?) AND revoked_at IS NULL',
  );
  const byHash = db.prepare(`SELECT ${INFO} FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL`);
  return {
    create(token: StoredToken): void {
      try {
        insert.run(token);
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new Error(`a token named ${JSON.stringify(token.name)} already exists`);
        }
        throw err;
      }
    },
    list: (): TokenInfo[] => list.all() as TokenInfo[],
    revoke: (nameOrId: string, at: number): boolean => revoke.run(at, nameOrId, nameOrId).changes > 0,
    byHash: (hash: string): TokenInfo | null => (byHash.get(hash) as TokenInfo | undefined) ?? null,
  };
}
