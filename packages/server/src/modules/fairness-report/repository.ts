import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * Set-based reads for the fairness report: each statement covers every case of the month at
 * once (a sub-select names them), never one query per case.
 */
export interface MonthCases {
  jurisdictionId: string;
  /** [start, end) instants of the local month. */
  start: string;
  end: string;
  /** A unit subtree (case-list scope by lead unit), or null for the whole jurisdiction. */
  unitPath: string | null;
}

function monthCases(db: Kysely<DB>, m: MonthCases) {
  let query = db
    .selectFrom('cases')
    .select('cases.id')
    .where('cases.jurisdiction_id', '=', m.jurisdictionId)
    .where('cases.created_at', '>=', m.start)
    .where('cases.created_at', '<', m.end)
    // A merged report is part of its parent; an invalid one was never a citizen's matter.
    .where('cases.status', 'not in', ['merged', 'invalid']);
  if (m.unitPath !== null) {
    const unitPath = m.unitPath;
    query = query.where('cases.lead_unit_id', 'in', (eb) => eb.selectFrom('org_units').select('id').where('path', 'like', `${unitPath}%`));
  }
  return query;
}

export function listMonthCases(db: Kysely<DB>, m: MonthCases) {
  return db
    .selectFrom('cases')
    .select(['id', 'case_number', 'urgency', 'priority', 'status', 'created_at', 'caller_phone_bidx'])
    // The outer read names the jurisdiction too: one partition when partitioned (ADR 0033).
    .where('cases.jurisdiction_id', '=', m.jurisdictionId)
    .where('id', 'in', monthCases(db, m))
    .execute();
}

/** First dispatch and first contact of the citizen per case. */
export function listFirstTimes(db: Kysely<DB>, m: MonthCases): Promise<Array<{ case_id: string; type: string; first: string }>> {
  return db
    .selectFrom('case_events')
    .select(['case_id', 'type'])
    .select((eb) => eb.fn.min<string>('created_at').as('first'))
    .where('case_id', 'in', monthCases(db, m))
    .where('type', 'in', ['dispatched', 'contacted'])
    .groupBy(['case_id', 'type'])
    .execute();
}

/**
 * (case, caller key) of the contacts on each case and on the cases merged into it. Contacts and
 * children are of the month's jurisdiction, and say so: one partition each (ADR 0033).
 */
export function listCaseCallers(db: Kysely<DB>, m: MonthCases): Promise<Array<{ target: string; callerKey: string | null }>> {
  const own = db
    .selectFrom('contacts')
    .select(['contacts.case_id as target', 'contacts.caller_phone_bidx as callerKey'])
    .where('contacts.jurisdiction_id', '=', m.jurisdictionId)
    .where('contacts.case_id', 'in', monthCases(db, m));
  const merged = db
    .selectFrom('contacts')
    .innerJoin('cases as child', 'child.id', 'contacts.case_id')
    .select(['child.parent_id as target', 'contacts.caller_phone_bidx as callerKey'])
    .where('contacts.jurisdiction_id', '=', m.jurisdictionId)
    .where('child.jurisdiction_id', '=', m.jurisdictionId)
    .where('child.parent_id', 'in', monthCases(db, m));
  return own.unionAll(merged).execute() as Promise<Array<{ target: string; callerKey: string | null }>>;
}

/** (case, confirmed flag) on each case and on the cases merged into it. */
export function listCaseFlags(db: Kysely<DB>, m: MonthCases): Promise<Array<{ target: string; flag: string }>> {
  const own = db.selectFrom('case_vulnerabilities').select(['case_id as target', 'flag']).where('case_id', 'in', monthCases(db, m));
  const merged = db
    .selectFrom('case_vulnerabilities')
    .innerJoin('cases as child', 'child.id', 'case_vulnerabilities.case_id')
    .select(['child.parent_id as target', 'case_vulnerabilities.flag'])
    .where('child.parent_id', 'in', monthCases(db, m))
    .$narrowType<{ target: string }>();
  return own.unionAll(merged).execute() as Promise<Array<{ target: string; flag: string }>>;
}

/**
 * The last event per case, its merged cases' events included: the priority was last computed no
 * later than this (an event, an attached contact, a flag change or a merge recomputes it).
 */
export async function listLastActivity(db: Kysely<DB>, m: MonthCases): Promise<Array<{ target: string; last: string }>> {
  const own = db
    .selectFrom('case_events')
    .select('case_id as target')
    .select((eb) => eb.fn.max<string>('created_at').as('last'))
    .where('case_id', 'in', monthCases(db, m))
    .groupBy('case_id');
  const merged = db
    .selectFrom('case_events')
    .innerJoin('cases as child', 'child.id', 'case_events.case_id')
    .select('child.parent_id as target')
    .select((eb) => eb.fn.max<string>('case_events.created_at').as('last'))
    .where('child.parent_id', 'in', monthCases(db, m))
    .groupBy('child.parent_id')
    .$narrowType<{ target: string }>();
  return (await own.unionAll(merged).execute()) as Array<{ target: string; last: string }>;
}

/** When the month's callers got in touch, from `since` (a frequent-caller window before the month) to `end`. */
export function listCallerContactTimes(db: Kysely<DB>, m: MonthCases, since: string): Promise<Array<{ callerKey: string | null; receivedAt: string }>> {
  return db
    .selectFrom('contacts')
    .select(['caller_phone_bidx as callerKey', 'received_at as receivedAt'])
    .where('jurisdiction_id', '=', m.jurisdictionId)
    .where('received_at', '>=', since)
    .where('received_at', '<', m.end)
    .where('caller_phone_bidx', 'in', (eb) =>
      eb
        .selectFrom('cases')
        .select('caller_phone_bidx')
        .where('cases.jurisdiction_id', '=', m.jurisdictionId)
        .where('id', 'in', monthCases(db, m))
        .where('caller_phone_bidx', 'is not', null),
    )
    .execute();
}
