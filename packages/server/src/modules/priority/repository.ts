import { CASE_STATUSES, isOpenStatus } from '@openline/core';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

const OPEN_STATUSES = CASE_STATUSES.filter(isOpenStatus);

// Each read and write below is of one jurisdiction, named on every hot table it touches: the
// daily refresh goes city by city, one partition or shard per statement (ADR 0033).

/** Every open case of the jurisdiction with what its priority needs from the case row itself. */
export function listOpenCases(db: Kysely<DB>, jurisdictionId: string) {
  return db
    .selectFrom('cases')
    .innerJoin('jurisdictions', 'jurisdictions.id', 'cases.jurisdiction_id')
    .select(['cases.id', 'cases.urgency', 'cases.created_at', 'cases.priority', 'jurisdictions.id as jurisdictionId', 'jurisdictions.timezone'])
    .where('cases.jurisdiction_id', '=', jurisdictionId)
    .where('cases.status', 'in', OPEN_STATUSES)
    .execute();
}

/**
 * (open case, caller key) for the contacts on each open case and on the cases merged into it,
 * for all open cases of the jurisdiction in one statement. A contact on a merged child counts for its parent.
 */
export function listOpenCaseCallers(db: Kysely<DB>, jurisdictionId: string): Promise<Array<{ target: string; callerKey: string | null }>> {
  const own = db
    .selectFrom('contacts')
    .innerJoin('cases', 'cases.id', 'contacts.case_id')
    .select(['cases.id as target', 'contacts.caller_phone_bidx as callerKey'])
    .where('contacts.jurisdiction_id', '=', jurisdictionId)
    .where('cases.jurisdiction_id', '=', jurisdictionId)
    .where('cases.status', 'in', OPEN_STATUSES);
  const merged = db
    .selectFrom('contacts')
    .innerJoin('cases as child', 'child.id', 'contacts.case_id')
    .innerJoin('cases as parent', 'parent.id', 'child.parent_id')
    .select(['parent.id as target', 'contacts.caller_phone_bidx as callerKey'])
    .where('contacts.jurisdiction_id', '=', jurisdictionId)
    .where('child.jurisdiction_id', '=', jurisdictionId)
    .where('parent.jurisdiction_id', '=', jurisdictionId)
    .where('parent.status', 'in', OPEN_STATUSES);
  return own.unionAll(merged).execute();
}

/** (open case, flag) for the confirmed flags on each open case of the jurisdiction and on the cases merged into it. */
export function listOpenCaseFlags(db: Kysely<DB>, jurisdictionId: string): Promise<Array<{ target: string; flag: string }>> {
  const own = db
    .selectFrom('case_vulnerabilities')
    .innerJoin('cases', 'cases.id', 'case_vulnerabilities.case_id')
    .select(['cases.id as target', 'case_vulnerabilities.flag'])
    .where('cases.jurisdiction_id', '=', jurisdictionId)
    .where('cases.status', 'in', OPEN_STATUSES);
  const merged = db
    .selectFrom('case_vulnerabilities')
    .innerJoin('cases as child', 'child.id', 'case_vulnerabilities.case_id')
    .innerJoin('cases as parent', 'parent.id', 'child.parent_id')
    .select(['parent.id as target', 'case_vulnerabilities.flag'])
    .where('child.jurisdiction_id', '=', jurisdictionId)
    .where('parent.jurisdiction_id', '=', jurisdictionId)
    .where('parent.status', 'in', OPEN_STATUSES);
  return own.unionAll(merged).execute();
}

/** Sets many cases' priorities in one statement (a CASE over the ids); keep batches to a few hundred rows. */
export async function updatePriorities(db: Kysely<DB>, jurisdictionId: string, rows: ReadonlyArray<{ id: string; priority: number }>): Promise<void> {
  if (rows.length === 0) return;
  const whens = rows.map((r) => sql`when ${r.id} then cast(${r.priority} as real)`);
  await db
    .updateTable('cases')
    .set({ priority: sql<number>`case id ${sql.join(whens, sql` `)} end` })
    .where('cases.jurisdiction_id', '=', jurisdictionId)
    .where('id', 'in', rows.map((r) => r.id))
    .execute();
}
