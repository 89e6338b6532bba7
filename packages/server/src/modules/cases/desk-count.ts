import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { asked, type CaseFilters, type ScopeDriver } from './list-filters.js';

// The workbench's capped count off migration 0063's index of the cases on a desk (issue 13 §3,
// ADR 0069): a unit's lead subtree in open with-department statuses, counted without reading a case.

/** The statuses of `cases_on_desk`'s WHERE, spelled as the migration froze them. */
const ON_DESK = ['dispatched', 'accepted', 'in_progress'] as const;

/**
 * The statuses a list asks for when the desk index holds its whole count: a unit filter (lead,
 * subtree) drives it and nothing else is asked but statuses that are all on a desk. Else null.
 */
export function deskStatuses(filters: CaseFilters, driver: ScopeDriver | null): string[] | null {
  if (!driver?.leadOnly || asked(filters, ['unitPath', 'statuses']).length > 0) return null;
  const statuses = filters.statuses;
  if (!statuses?.length || !statuses.every((s) => (ON_DESK as readonly string[]).includes(s))) return null;
  return statuses;
}

/**
 * How many cases of the unit's lead subtree have these statuses, up to `cap`: each subtree unit's
 * entries of `cases_on_desk` (one unit for a leaf), read from the oldest, whose pages are the
 * likeliest all-visible for PostgreSQL's index-only scan. The index's own term is repeated as
 * literals: SQLite uses a partial index only when the query holds its WHERE term as written.
 */
export async function deskCount(db: Kysely<DB>, o: DeskCount): Promise<number> {
  const row = await deskCountQuery(db, o).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface DeskCount { jurisdictionId: string; driver: ScopeDriver; statuses: string[]; cap: number }

/** deskCount's statement, not yet run (a test reads its plan). */
export function deskCountQuery(db: Kysely<DB>, o: DeskCount) {
  const onDesk = sql.join(ON_DESK.map((s) => sql.lit(s)));
  const entries = db
    .selectFrom('cases as on_desk')
    .select('on_desk.created_at')
    .where('on_desk.jurisdiction_id', '=', o.jurisdictionId)
    .where('on_desk.lead_unit_id', 'in', (eb) =>
      eb.selectFrom('org_units as desk_unit').select('desk_unit.id').where('desk_unit.jurisdiction_id', '=', o.jurisdictionId).where('desk_unit.path', 'like', `${o.driver.unitPath}%`),
    )
    .where(sql<boolean>`${sql.ref('on_desk.status')} in (${onDesk})`)
    .where('on_desk.status', 'in', o.statuses)
    .limit(o.cap);
  return db.selectFrom(entries.as('desk')).select((eb) => eb.fn.countAll<number>().as('n'));
}
