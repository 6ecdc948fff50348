import type pg from 'pg';
import type { BreakdownName, BreakdownOptions, BreakdownResult, DashQuery } from '../../dashboard/types.js';
import { Params, pgRowWhere } from './filters.js';

const PROPS_PER_EVENT = 20;

/**
 * A property value as text, as SQLite's json_each gives it: strings unquoted, numbers and booleans
 * spelled out, JSON null as NULL. `consentlog_jsonb` (migration 004) reads props that are not
 * valid JSON as NULL instead of failing the whole query, like SQLite's json_valid guard.
 */
const PROP_TEXT = "CASE WHEN jsonb_typeof(j.value) = 'null' THEN NULL ELSE j.value #>> '{}' END";

/** Custom events by name (with their properties), outbound links and downloads by URL. */
export async function pgEventBreakdown(
  pool: pg.Pool,
  name: BreakdownName,
  q: DashQuery,
  opts: BreakdownOptions,
): Promise<BreakdownResult> {
  const p = new Params();
  const { cte, sql: where } = pgRowWhere(q, p);
  const withCte = cte ? `WITH ${cte} ` : '';
  const isLinks = name === 'outbound' || name === 'downloads';
  const value = isLinks ? "consentlog_jsonb(props) ->> 'url'" : 'name';
  const which = isLinks
    ? `name = '${name === 'outbound' ? 'outbound' : 'download'}' AND consentlog_jsonb(props) IS NOT NULL`
    : "name NOT IN ('outbound', 'download')";
  const from = `access_log WHERE ${where} AND type = 'event' AND ${which}`;
  const sort = opts.sort === 'visitors' ? 'visitors' : 'count';
  const base = p.values.length;
  const limit = p.add(opts.limit);
  // Wrapped so that `value` in ORDER BY is the output column (access_log has a `value` column too).
  const [rows, total] = await Promise.all([
    pool.query<{ value: string | null; count: number; visitors: number }>(
      `${withCte}SELECT * FROM (SELECT ${value} AS value, COUNT(*) AS count, COUNT(DISTINCT visitor_id) AS visitors
         FROM ${from} GROUP BY 1) r
       ORDER BY ${sort} ${opts.order === 'asc' ? 'ASC' : 'DESC'}, value COLLATE "C" ASC NULLS FIRST LIMIT ${limit}`,
      p.values,
    ),
    pool.query<{ n: number }>(`${withCte}SELECT COUNT(*) AS n FROM ${from}`, p.values.slice(0, base)),
  ]);
  const n = total.rows[0]?.n ?? 0;
  const props = async (event: string | null) => {
    const pp = new Params();
    const { cte: propsCte, sql: aliased } = pgRowWhere(q, pp, { alias: 'a' });
    const { rows: list } = await pool.query<{ key: string; value: string | null; count: number }>(
      `${propsCte ? `WITH ${propsCte} ` : ''}SELECT * FROM (SELECT j.key AS key, ${PROP_TEXT} AS value, COUNT(*) AS count
         FROM access_log AS a, jsonb_each(consentlog_jsonb(a.props)) AS j
         WHERE ${aliased} AND a.type = 'event' AND a.name = ${pp.add(event)}
           AND jsonb_typeof(consentlog_jsonb(a.props)) = 'object'
         GROUP BY 1, 2) r
       ORDER BY count DESC, key COLLATE "C", value COLLATE "C" NULLS FIRST LIMIT ${PROPS_PER_EVENT}`,
      pp.values,
    );
    return list;
  };
  return {
    name,
    total: n,
    rows: await Promise.all(
      rows.rows.map(async (r) => ({
        ...r,
        share: n ? r.count / n : 0,
        ...(isLinks ? {} : { props: await props(r.value) }),
      })),
    ),
  };
}
