import type pg from 'pg';
import type { ConsentDay, ConsentResult, DashQuery, DayBounds } from '../../dashboard/types.js';
import { Params } from './filters.js';

/**
 * Consent decisions per local day and policy revision, and the grant rate per category (PostgreSQL).
 * Of the filters only `browser` exists in the consent log, so only it applies.
 */
export async function pgConsent(
  pool: pg.Pool,
  q: DashQuery,
  days: readonly DayBounds[],
): Promise<ConsentResult> {
  const p = new Params();
  let where = `c.site = ${p.add(q.site)} AND c.ts >= ${p.add(q.from)} AND c.ts < ${p.add(q.to)}`;
  if (q.filters.browser !== undefined) where += ` AND c.browser = ${p.add(q.filters.browser)}`;
  const base = p.values.length;
  const d = [p.add(days.map((x) => x.day)), p.add(days.map((x) => x.start)), p.add(days.map((x) => x.end))];
  const [perDay, grants, decisions] = await Promise.all([
    pool.query<ConsentDay>(
      `SELECT d.day AS day, c.policy_revision AS revision,
         COUNT(*) FILTER (WHERE c.method = 'accept-all') AS accept_all,
         COUNT(*) FILTER (WHERE c.method = 'reject-all') AS reject_all,
         COUNT(*) FILTER (WHERE c.method = 'custom') AS custom, COUNT(*) FILTER (WHERE c.method = 'gpc') AS gpc,
         COUNT(*) FILTER (WHERE c.method = 'withdraw') AS withdrawal
       FROM UNNEST(${d[0]}::text[], ${d[1]}::bigint[], ${d[2]}::bigint[]) AS d(day, s, e)
       JOIN consent_log c ON c.ts >= d.s AND c.ts < d.e AND ${where}
       GROUP BY d.day, c.policy_revision ORDER BY d.day COLLATE "C", c.policy_revision COLLATE "C"`,
      p.values,
    ),
    pool.query<{ category: string; granted: number; n: number }>(
      `SELECT j.key AS category, COUNT(*) FILTER (WHERE j.value = 'true'::jsonb) AS granted, COUNT(*) AS n
       FROM consent_log AS c, jsonb_each(consentlog_jsonb(c.choices)) AS j
       WHERE ${where} AND jsonb_typeof(consentlog_jsonb(c.choices)) = 'object'
       GROUP BY j.key ORDER BY j.key COLLATE "C"`,
      p.values.slice(0, base),
    ),
    pool.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM consent_log AS c WHERE ${where}`,
      p.values.slice(0, base),
    ),
  ]);
  return {
    days: perDay.rows,
    grant_rate: Object.fromEntries(grants.rows.map((g) => [g.category, g.n ? g.granted / g.n : 0])),
    decisions: decisions.rows[0]?.n ?? 0,
  };
}
