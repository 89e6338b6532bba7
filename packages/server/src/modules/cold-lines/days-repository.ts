import type { Kysely, Transaction } from 'kysely';
import type { DB, LineCallDayTable } from '../../db/schema.js';

const STATE = 'line_call_days';
const EPOCH = '1970-01-01T00:00:00.000Z';

/** Claims the rollup's watermark (as the figures job does): of two workers, one moves it. */
export async function claimDaysWatermark(trx: Transaction<DB>, to: string): Promise<string | null> {
  await trx.insertInto('stat_state').values({ name: STATE, watermark: EPOCH }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await trx.selectFrom('stat_state').select('watermark').where('name', '=', STATE).executeTakeFirstOrThrow();
  const result = await trx.updateTable('stat_state').set({ watermark: to }).where('name', '=', STATE).where('watermark', '=', row.watermark).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? row.watermark : null;
}

/** Calls on lines changed since `since`: when they were offered, which way they went. */
export function callsChangedSince(db: Kysely<DB>, since: string) {
  return db
    .selectFrom('call_records')
    .select(['jurisdiction_id as jurisdictionId', 'offered_at as offeredAt', 'direction'])
    .where('updated_at', '>', since)
    .where('line_id', 'is not', null)
    .execute();
}

export async function replaceDay(db: Kysely<DB>, o: { jurisdictionId: string; day: string; rows: LineCallDayTable[] }): Promise<void> {
  await db.deleteFrom('line_call_days').where('jurisdiction_id', '=', o.jurisdictionId).where('day', '=', o.day).execute();
  // Idle lines keep no row: a month's sum reads only the days that had calls.
  const rows = o.rows.filter((r) => r.offered > 0);
  if (rows.length > 0) await db.insertInto('line_call_days').values(rows).execute();
}

export function sumDays(db: Kysely<DB>, o: { jurisdictionId: string; lineIds: readonly string[]; from: string; to: string }) {
  if (o.lineIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('line_call_days')
    .select(['line_id as lineId', 'day', 'offered', 'picked_up as pickedUp', 'within_15s as within15s', 'called_back as calledBack'])
    .where('jurisdiction_id', '=', o.jurisdictionId)
    .where('line_id', 'in', [...o.lineIds])
    .where('day', '>=', o.from)
    .where('day', '<=', o.to)
    .execute();
}
