import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Ids per statement: far below either database's bound-parameter limit. */
const BATCH = 500;

export async function findTimeZone(db: Db, jurisdictionId: string): Promise<string> {
  const row = await db.selectFrom('jurisdictions').select('timezone').where('id', '=', jurisdictionId).executeTakeFirstOrThrow();
  return row.timezone;
}

/** Cases of the jurisdiction with an arbitration in [start, end): read by the created_at index. */
export async function findArbitratedCases(db: Db, o: { jurisdictionId: string; start: string; end: string }): Promise<string[]> {
  const rows = await db
    .selectFrom('case_events')
    .innerJoin('cases', 'cases.id', 'case_events.case_id')
    .select('case_events.case_id')
    .distinct()
    .where('case_events.created_at', '>=', o.start)
    .where('case_events.created_at', '<', o.end)
    .where('case_events.type', '=', 'arbitrated')
    .where('cases.jurisdiction_id', '=', o.jurisdictionId)
    .execute();
  return rows.map((r) => r.case_id);
}

export interface ReturnEventRow {
  case_id: string;
  type: string;
  payload: string;
  created_at: string;
}

/** The returns and arbitrations of these cases, oldest first per case (the case_events_case index). */
export async function loadReturnEvents(db: Db, caseIds: readonly string[]): Promise<ReturnEventRow[]> {
  const out: ReturnEventRow[] = [];
  for (let i = 0; i < caseIds.length; i += BATCH) {
    const rows = await db
      .selectFrom('case_events')
      .select(['case_id', 'type', 'payload', 'created_at'])
      .where('case_id', 'in', caseIds.slice(i, i + BATCH))
      .where('type', 'in', ['returned', 'arbitrated'])
      .orderBy('case_id')
      .orderBy('id')
      .execute();
    out.push(...rows);
  }
  return out;
}
