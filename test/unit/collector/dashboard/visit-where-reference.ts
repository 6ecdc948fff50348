// The visit filter as it was defined before dash_visits kept each visit's categories (migration
// 016): "the visit has an access-log row of that category". The references compare the store's
// panels with this, so a wrong or stale `categories` column fails them.
import type { DashQuery } from '../../../../src/collector/dashboard/types.js';
import {
  VISIT_SLACK_MS,
  visitWhere,
  type Where,
} from '../../../../src/collector/store/sqlite-dashboard/filters.js';

export function referenceVisitWhere(q: DashQuery): Where {
  const { category, ...rest } = q.filters;
  const { sql, params } = visitWhere({ ...q, filters: rest });
  if (category === undefined) return { sql, params };
  return {
    sql: `${sql} AND v.session_id IN (SELECT session_id FROM access_log WHERE category = @ref_category
      AND site = @site AND ts >= @ref_from AND ts < @ref_to)`,
    params: { ...params, ref_category: category, ref_from: q.from, ref_to: q.to + VISIT_SLACK_MS },
  };
}
