import { caseAgeWorkingDays, isCaseStatus, isOpenStatus, priorityScore, type Urgency } from '@openline/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { loadWorkingCalendar } from '../calendar/load.js';
import { listAffectedVulnerabilities } from './vulnerability-repository.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Recomputes one case's priority from its urgency, the distinct callers on it and on the cases
 * merged into it (by blind index: anonymous contacts count as one caller), the vulnerability
 * flags staff confirmed, and its age in working days. How often any one person called never
 * enters (DESIGN §7).
 *
 * Flags are the confirmed ones stored in `case_vulnerabilities`, never the text detector's
 * suggestions (the text may mention a vulnerable neighbour). A parent counts its own flags and
 * those of the cases merged into it: a merge says they are one incident, so the vulnerable
 * person who called about the child is among the people the parent affects. Flags form a set,
 * so ten merged reports of one elderly household still add one flag's points: flags describe
 * who is affected, never how many calls were made.
 */
export async function recomputeCasePriority(db: Db, caseId: string, now: Date = new Date()): Promise<number | null> {
  const row = await db
    .selectFrom('cases')
    .innerJoin('jurisdictions', 'jurisdictions.id', 'cases.jurisdiction_id')
    .select(['cases.id', 'cases.urgency', 'cases.created_at', 'cases.status', 'jurisdictions.id as jurisdictionId', 'jurisdictions.timezone'])
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
  if (!row) return null;
  const contacts = await db
    .selectFrom('contacts')
    .select('caller_phone_bidx')
    .where((eb) => eb.or([eb('case_id', '=', caseId), eb('case_id', 'in', eb.selectFrom('cases').select('id').where('parent_id', '=', caseId))]))
    .execute();
  const calendar = await loadWorkingCalendar(db, { id: row.jurisdictionId, timezone: row.timezone });
  const { score } = priorityScore({
    urgency: row.urgency as Urgency,
    contacts: contacts.map((c) => ({ callerKey: c.caller_phone_bidx })),
    vulnerabilities: await listAffectedVulnerabilities(db, caseId),
    ageWorkingDays: caseAgeWorkingDays(new Date(row.created_at), now, calendar),
  });
  await db.updateTable('cases').set({ priority: score }).where('id', '=', caseId).execute();
  return score;
}

/** The daily refresh: open cases grow older, so their priority rises until the age cap. */
export async function refreshOpenPriorities(db: Kysely<DB>, now: Date = new Date()): Promise<number> {
  const rows = await db.selectFrom('cases').select(['id', 'status']).where('status', 'not in', ['closed', 'merged', 'invalid']).execute();
  let n = 0;
  for (const r of rows) {
    if (isCaseStatus(r.status) && isOpenStatus(r.status)) {
      await recomputeCasePriority(db, r.id, now);
      n++;
    }
  }
  return n;
}
