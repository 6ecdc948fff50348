import type { Database } from 'better-sqlite3';
import type { BreakdownName, BreakdownOptions, BreakdownResult, DashQuery } from '../../dashboard/types.js';
import { rowWhere } from './filters.js';

/** How many property key/value pairs each custom event row lists. */
const PROPS_PER_EVENT = 20;

/** A JSON property value as text: strings as they are, numbers and booleans spelled out. */
const PROP_TEXT =
  "CASE j.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN NULL ELSE CAST(j.value AS TEXT) END";

/** Custom events by name (with their properties), outbound links and downloads by URL. */
export function sqliteEventBreakdown(
  db: Database,
  name: BreakdownName,
  q: DashQuery,
  opts: BreakdownOptions,
): BreakdownResult {
  const { sql, params } = rowWhere(q);
  const aliased = rowWhere(q, { alias: 'a' }).sql; // json_each has its own `type`, `key`, `value`
  const isLinks = name === 'outbound' || name === 'downloads';
  const value = isLinks ? "json_extract(props, '$.url')" : 'name';
  const which = isLinks
    ? `name = '${name === 'outbound' ? 'outbound' : 'download'}' AND json_valid(props)`
    : "name NOT IN ('outbound', 'download')";
  const from = `dash_events WHERE ${sql} AND ${which}`;
  const sort = opts.sort === 'visitors' ? 'visitors' : 'count';
  const rows = db
    .prepare(
      `SELECT ${value} AS value, COUNT(*) AS count, COUNT(DISTINCT visitor_id) AS visitors FROM ${from}
       GROUP BY 1 ORDER BY ${sort} ${opts.order === 'asc' ? 'ASC' : 'DESC'}, value ASC LIMIT @limit`,
    )
    .all({ ...params, limit: opts.limit }) as { value: string | null; count: number; visitors: number }[];
  const total = db.prepare(`SELECT COUNT(*) FROM ${from}`).pluck().get(params) as number;
  const props = isLinks
    ? null
    : db.prepare(
        `SELECT j.key AS key, ${PROP_TEXT} AS value, COUNT(*) AS count
         FROM dash_events AS a, json_each(a.props) AS j
         WHERE ${aliased} AND a.name = @name AND json_valid(a.props)
         GROUP BY 1, 2 ORDER BY count DESC, key, value LIMIT ${PROPS_PER_EVENT}`,
      );
  return {
    name,
    total,
    rows: rows.map((r) => ({
      ...r,
      share: total ? r.count / total : 0,
      ...(props
        ? {
            props: props.all({ ...params, name: r.value }) as {
              key: string;
              value: string | null;
              count: number;
            }[],
          }
        : {}),
    })),
  };
}
