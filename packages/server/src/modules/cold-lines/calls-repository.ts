import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;
type Num = number | string | bigint;

export interface CallTally {
  offered: number;
  pickedUp: number;
  within15s: number;
  /** Picked up within the line's own limit (its thresholds' seconds, 15 by default). */
  withinLimit: number;
}

export interface Window {
  /** The lines' jurisdiction: each query names it, one partition when partitioned (ADR 0033). */
  jurisdictionId: string;
  lineIds: readonly string[];
  /** Calls offered at or after this instant … */
  since: string;
  /** … and before this one (ISO-8601). */
  until: string;
}

/**
 * Ended inbound calls per line offered in [since, until), one grouped query for all the lines
 * (it walks the (line_id, offered_at) index). A ringing call is neither answered nor missed, so
 * calls without an outcome are left out; every ended call counts as offered, rejected ones too,
 * so a line cannot improve its figure by refusing calls (ADR 0017).
 */
export async function tallyCalls(db: Db, w: Window, promptSeconds: number): Promise<Map<string, CallTally>> {
  const out = new Map<string, CallTally>();
  if (w.lineIds.length === 0) return out;
  const rows = await db
    .selectFrom('call_records as c')
    .leftJoin('line_call_thresholds as t', 't.line_id', 'c.line_id')
    .select((eb) => {
      const picked = eb('c.outcome', '=', 'answered');
      return [
        'c.line_id as lineId',
        eb.fn.countAll<Num>().as('offered'),
        eb.fn.sum<Num>(eb.case().when(picked).then(1).else(0).end()).as('picked'),
        eb.fn.sum<Num>(eb.case().when(eb.and([picked, eb('c.wait_seconds', '<=', promptSeconds)])).then(1).else(0).end()).as('within15'),
        eb.fn
          .sum<Num>(eb.case().when(eb.and([picked, eb('c.wait_seconds', '<=', eb.fn.coalesce('t.prompt_seconds', eb.val(promptSeconds)))])).then(1).else(0).end())
          .as('withinLimit'),
      ];
    })
    .where('c.jurisdiction_id', '=', w.jurisdictionId)
    .where('c.line_id', 'in', [...w.lineIds])
    .where('c.offered_at', '>=', w.since)
    .where('c.offered_at', '<', w.until)
    .where('c.direction', '=', 'in')
    .where('c.outcome', 'is not', null)
    .groupBy('c.line_id')
    .execute();
  for (const r of rows) {
    // PostgreSQL returns count/sum as bigint strings; SQLite as numbers.
    if (r.lineId !== null) {
      out.set(r.lineId, { offered: Number(r.offered), pickedUp: Number(r.picked), within15s: Number(r.within15), withinLimit: Number(r.withinLimit) });
    }
  }
  return out;
}

/** Inbound calls offered in the window that ended unanswered, from a number we could call back. */
export async function missedFromKnownNumbers(db: Db, w: Window) {
  if (w.lineIds.length === 0) return [];
  const rows = await db
    .selectFrom('call_records')
    .select(['id', 'line_id as lineId', 'caller_bidx as callerKey', 'ended_at as endedAt', 'offered_at as offeredAt'])
    .where('jurisdiction_id', '=', w.jurisdictionId)
    .where('line_id', 'in', [...w.lineIds])
    .where('offered_at', '>=', w.since)
    .where('offered_at', '<', w.until)
    .where('direction', '=', 'in')
    .where('outcome', 'is not', null)
    .where('outcome', '!=', 'answered')
    .where('caller_bidx', 'is not', null)
    .execute();
  return rows.flatMap((r) => (r.lineId === null ? [] : [{ id: r.id, lineId: r.lineId, callerKey: r.callerKey, endedAt: r.endedAt ?? r.offeredAt }]));
}

/** Outbound calls from the lines, placed in the window, that reached the person called. */
export async function answeredOutbound(db: Db, w: Window) {
  if (w.lineIds.length === 0) return [];
  const rows = await db
    .selectFrom('call_records')
    .select(['line_id as lineId', 'caller_bidx as callerKey', 'offered_at as at'])
    .where('jurisdiction_id', '=', w.jurisdictionId)
    .where('line_id', 'in', [...w.lineIds])
    .where('offered_at', '>=', w.since)
    .where('offered_at', '<', w.until)
    .where('direction', '=', 'out')
    .where('outcome', '=', 'answered')
    .where('caller_bidx', 'is not', null)
    .execute();
  return rows.flatMap((r) => (r.lineId === null ? [] : [{ lineId: r.lineId, callerKey: r.callerKey, at: r.at }]));
}

/** Does this jurisdiction hear from a phone system at all (whether 接通率 can be known)? */
export async function hasCallRecords(db: Db, jurisdictionId: string): Promise<boolean> {
  const row = await db.selectFrom('call_records').select('id').where('jurisdiction_id', '=', jurisdictionId).limit(1).executeTakeFirst();
  return row !== undefined;
}
