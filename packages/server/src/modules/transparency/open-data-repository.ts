import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';

/** The cases a month's open data is made of (docs/open-data.md): never tip-line, never invalid. */
function openDataCases(db: Kysely<DB>, o: { jurisdictionId: string; fromIso: string; toIso: string }) {
  return (
    db
      .selectFrom('cases')
      .leftJoin('lines', 'lines.id', 'cases.line_id')
      .where('cases.jurisdiction_id', '=', o.jurisdictionId)
      .where('cases.created_at', '>=', o.fromIso)
      .where('cases.created_at', '<', o.toIso)
      .where('cases.status', '!=', 'invalid')
      // Both marks of a tip-line case: the protected caller (ADR 0006) and the line's mode.
      .where('cases.caller_protected', '=', 0)
      .where((eb) => eb.or([eb('lines.mode', 'is', null), eb('lines.mode', '!=', 'tip')]))
  );
}

/** Cases per lead unit × type: the suppression rule sums them into district × category cells. */
export async function countByUnitAndType(db: Kysely<DB>, o: { jurisdictionId: string; fromIso: string; toIso: string }) {
  const rows = await openDataCases(db, o)
    .select(['cases.lead_unit_id as unitId', 'cases.type as type'])
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .groupBy(['cases.lead_unit_id', 'cases.type'])
    .execute();
  return rows.map((r) => ({ unitId: r.unitId, type: r.type, count: Number(r.count) }));
}

export interface OpenDataCaseRow {
  id: string;
  createdAt: string;
  type: string;
  channel: string;
  status: string;
  leadUnitId: string | null;
  dispatchedAt: string | null;
  contactedAt: string | null;
  closedAt: string | null;
  bounceCount: number;
  visitSolved: number | null;
  visitSatisfaction: string | null;
}

function selectColumns<O>(q: SelectQueryBuilder<DB, 'cases' | 'lines', O>) {
  // Only these columns ever leave the database: no sealed field, no text, no number or code.
  return q.select([
    'cases.id as id', 'cases.created_at as createdAt', 'cases.type as type', 'cases.channel as channel', 'cases.status as status',
    'cases.lead_unit_id as leadUnitId', 'cases.dispatched_at as dispatchedAt', 'cases.contacted_at as contactedAt',
    'cases.closed_at as closedAt', 'cases.bounce_count as bounceCount', 'cases.visit_solved as visitSolved', 'cases.visit_satisfaction as visitSatisfaction',
  ]);
}

/**
 * One page of the month's cases after `after` in (created_at, id) order: keyset pages walk the
 * jurisdiction × created_at index, so a month of any size is read a page at a time.
 */
export async function pageOpenDataCases(
  db: Kysely<DB>,
  o: { jurisdictionId: string; fromIso: string; toIso: string; after: { createdAt: string; id: string } | null; limit: number },
): Promise<OpenDataCaseRow[]> {
  let q = selectColumns(openDataCases(db, o));
  if (o.after) {
    const { createdAt, id } = o.after;
    q = q.where((eb) => eb.or([eb('cases.created_at', '>', createdAt), eb.and([eb('cases.created_at', '=', createdAt), eb('cases.id', '>', id)])]));
  }
  const rows = await q.orderBy('cases.created_at').orderBy('cases.id').limit(o.limit).execute();
  return rows.map((r) => ({ ...r, bounceCount: Number(r.bounceCount), visitSolved: r.visitSolved === null ? null : Number(r.visitSolved) }));
}

