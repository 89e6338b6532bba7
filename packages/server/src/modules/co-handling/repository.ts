import { CO_HANDLING_EVENTS } from '@openline/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The case's co-units, with the paths the policy compares. */
export async function coUnitsOf(db: Db, caseId: string): Promise<Array<{ id: string; name: string; path: string }>> {
  return db
    .selectFrom('case_co_units')
    .innerJoin('org_units', 'org_units.id', 'case_co_units.unit_id')
    .select(['org_units.id', 'org_units.name', 'org_units.path'])
    .where('case_co_units.case_id', '=', caseId)
    .orderBy('org_units.name')
    .execute();
}

/** Co-units' records: their events on the case's history, oldest first. */
export async function coHandlingEvents(db: Db, caseId: string) {
  return db
    .selectFrom('case_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select(['e.id', 'e.type', 'e.payload', 'e.created_at', 'u.display_name as author_name'])
    .where('e.case_id', '=', caseId)
    .where('e.type', 'in', Object.values(CO_HANDLING_EVENTS))
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();
}
