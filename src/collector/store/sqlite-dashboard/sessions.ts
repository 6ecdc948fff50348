import type { Database } from 'better-sqlite3';
import type { DashboardSession, DashboardSessions } from '../../dashboard/types.js';

interface SessionRow {
  id_hash: string;
  role: string;
  actor: string;
  created_at: number;
  last_seen: number;
}

/** Dashboard sessions in SQLite (`dashboard_sessions`, migration 006). */
export function sqliteSessions(db: Database): DashboardSessions {
  const insert = db.prepare(
    'INSERT INTO dashboard_sessions (id_hash, role, actor, created_at, last_seen) VALUES (?, ?, ?, ?, ?)',
  );
  const find = db.prepare('SELECT * FROM dashboard_sessions WHERE id_hash = ? AND last_seen >= ?');
  const touch = db.prepare('UPDATE dashboard_sessions SET last_seen = ? WHERE id_hash = ?');
  const remove = db.prepare('DELETE FROM dashboard_sessions WHERE id_hash = ?');
  const expire = db.prepare('DELETE FROM dashboard_sessions WHERE last_seen < ?');
  return {
    async create(s: DashboardSession) {
      insert.run(s.idHash, s.role, s.actor, s.createdAt, s.lastSeen);
    },
    async find(idHash: string, idleBefore: number) {
      const row = find.get(idHash, idleBefore) as SessionRow | undefined;
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
      touch.run(at, idHash);
    },
    async delete(idHash: string) {
      remove.run(idHash);
    },
    async expire(idleBefore: number) {
      return expire.run(idleBefore).changes;
    },
  };
}
