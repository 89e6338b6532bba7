import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { preparedQuery } from '../../lib/prepared-query.js';
import { forgetReads } from '../../lib/unit-of-work.js';

type Db = Kysely<DB> | Transaction<DB>;

export function listCalendarYears(db: Db, jurisdictionId: string): Promise<Array<{ year: number; data: string; updated_at: string }>> {
  return calendarYears.execute(db, { jurisdictionId });
}

/** Read per priority recompute and deadline (unattended intake: most appeals of a surge): compiled once. */
const calendarYears = preparedQuery<{ jurisdictionId: string }, { year: number; data: string; updated_at: string }>(['jurisdictionId'], (db, v) =>
  db.selectFrom('calendar_years').select(['year', 'data', 'updated_at']).where('jurisdiction_id', '=', v.jurisdictionId).orderBy('year'),
  { fixedPlan: true },
);

export async function upsertCalendarYear(
  db: Db,
  row: { jurisdictionId: string; year: number; data: string; updatedAt: string; updatedBy: string },
): Promise<void> {
  await db
    .insertInto('calendar_years')
    .values({ jurisdiction_id: row.jurisdictionId, year: row.year, data: row.data, updated_at: row.updatedAt, updated_by: row.updatedBy })
    .onConflict((oc) =>
      oc.columns(['jurisdiction_id', 'year']).doUpdateSet({ data: row.data, updated_at: row.updatedAt, updated_by: row.updatedBy }),
    )
    .execute();
  // A calendar this unit of work read before is stale now (calendar/load.ts reads once per unit of work).
  forgetReads(db);
}

export async function findDeadlinePolicy(db: Db, jurisdictionId: string): Promise<string | undefined> {
  const row = await db.selectFrom('deadline_policies').select('policy').where('jurisdiction_id', '=', jurisdictionId).executeTakeFirst();
  return row?.policy;
}

export async function upsertDeadlinePolicy(
  db: Db,
  row: { jurisdictionId: string; policy: string; updatedAt: string; updatedBy: string },
): Promise<void> {
  await db
    .insertInto('deadline_policies')
    .values({ jurisdiction_id: row.jurisdictionId, policy: row.policy, updated_at: row.updatedAt, updated_by: row.updatedBy })
    .onConflict((oc) => oc.column('jurisdiction_id').doUpdateSet({ policy: row.policy, updated_at: row.updatedAt, updated_by: row.updatedBy }))
    .execute();
}
