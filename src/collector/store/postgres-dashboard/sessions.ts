import type pg from 'pg';
import type { DashboardSession, DashboardSessions } from '../../dashboard/types.js';

interface SessionRow {
  id_hash: string;
  role: string;
  actor: string;
  created_at: number;
  last_seen: number;
}

/** Dashboard sessions in PostgreSQL (migration 003): shared, so any collector serves a signed-in user. */
export function pgSessions(pool: pg.Pool): DashboardSessions {
  return {
    async create(s: DashboardSession) {
      await pool.query(
        'INSERT INTO dashboard_sessions (id_hash, role, actor, created_at, last_seen) VALUES ($1, $2, $3, $4, $5)',
        [s.idHash, s.role, s.actor, s.createdAt, s.lastSeen],
      );
    },
    async find(idHash: string, idleBefore: number) {
      const { rows } = await pool.query<SessionRow>(
        'SELECT * FROM dashboard_sessions WHERE id_hash = $1 AND last_seen >= $2',
        [idHash, idleBefore],
      );
      const row = rows[0];
      return row
        ? {
            idHash: row.id_hash,
            role: row.role,
            actor: row.actor,
            createdAt: row.created_at,
            lastSeen: row.last_seen,
          }
        : null;
    },
    async touch(idHash: string, at: number) {
      await pool.query('UPDATE dashboard_sessions SET last_seen = $1 WHERE id_hash = $2', [at, idHash]);
    },
    async delete(idHash: string) {
      await pool.query('DELETE FROM dashboard_sessions WHERE id_hash = $1', [idHash]);
    },
    async expire(idleBefore: number) {
      return (
        (await pool.query('DELETE FROM dashboard_sessions WHERE last_seen < $1', [idleBefore])).rowCount ?? 0
      );
    },
  };
}
