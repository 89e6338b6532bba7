import {
  createWorkingCalendar,
  deadlinePolicySchema,
  defaultDeadlinePolicy,
  yearCalendarSchema,
  type DeadlinePolicy,
  type WorkingCalendar,
} from '@openline/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { findDeadlinePolicy, listCalendarYears } from './repository.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * The jurisdiction's working calendar: years an admin loaded override the packaged statutory
 * calendar. Read per use rather than cached, so every server process sees an admin's change at
 * once; it is two small indexed reads.
 */
export async function loadWorkingCalendar(db: Db, jurisdiction: { id: string; timezone: string }): Promise<WorkingCalendar> {
  const rows = await listCalendarYears(db, jurisdiction.id);
  const years = rows.map((r) => yearCalendarSchema.parse(JSON.parse(r.data)));
  return createWorkingCalendar({ timeZone: jurisdiction.timezone, years });
}

/** The jurisdiction's deadline policy, or DESIGN §5's defaults until an admin edits it. */
export async function loadDeadlinePolicy(db: Db, jurisdictionId: string): Promise<DeadlinePolicy> {
  const stored = await findDeadlinePolicy(db, jurisdictionId);
  return stored ? deadlinePolicySchema.parse(JSON.parse(stored)) : defaultDeadlinePolicy();
}
