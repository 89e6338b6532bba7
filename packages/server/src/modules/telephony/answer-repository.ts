import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface LineCallTally {
  offered: number;
  answered: number;
  answeredWithin15s: number;
}

/**
 * Inbound calls per line since `since`, one grouped query for all the lines (it walks the
 * (line_id, offered_at) index). Calls still in progress (no outcome yet) are not counted: a
 * ringing call is neither answered nor missed. Every ended call counts as offered, rejected ones
 * too, so a line cannot improve its figure by refusing calls.
 */
export async function lineCallTallies(db: Kysely<DB>, o: { lineIds: readonly string[]; since: string; promptSeconds: number }): Promise<Map<string, LineCallTally>> {
  const out = new Map<string, LineCallTally>();
  if (o.lineIds.length === 0) return out;
  const rows = await db
    .selectFrom('call_records')
    .select((eb) => [
      'line_id as lineId',
      eb.fn.countAll<number | string | bigint>().as('offered'),
      eb.fn.sum<number | string | bigint | null>(eb.case().when('outcome', '=', 'answered').then(1).else(0).end()).as('answered'),
      eb.fn
        .sum<number | string | bigint | null>(
          eb.case().when(eb.and([eb('outcome', '=', 'answered'), eb('wait_seconds', '<=', o.promptSeconds)])).then(1).else(0).end(),
        )
        .as('prompt'),
    ])
    .where('line_id', 'in', [...o.lineIds])
    .where('offered_at', '>=', o.since)
    .where('direction', '=', 'in')
    .where('outcome', 'is not', null)
    .groupBy('line_id')
    .execute();
  for (const r of rows) {
    // PostgreSQL returns count/sum as bigint strings; SQLite as numbers.
    if (r.lineId !== null) out.set(r.lineId, { offered: Number(r.offered), answered: Number(r.answered ?? 0), answeredWithin15s: Number(r.prompt ?? 0) });
  }
  return out;
}
