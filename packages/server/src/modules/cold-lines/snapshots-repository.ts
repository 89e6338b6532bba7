import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface SnapshotRow {
  lineId: string;
  computedAt: string;
  figures: string;
}

/**
 * Writes each line's figures unless a newer computation is already stored: with several workers
 * (or a worker and a reader filling a gap) the last computed wins, never the last to arrive.
 */
export async function upsertSnapshots(db: Kysely<DB>, jurisdictionId: string, rows: readonly SnapshotRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('line_call_snapshots')
    .values(rows.map((r) => ({ line_id: r.lineId, jurisdiction_id: jurisdictionId, computed_at: r.computedAt, figures: r.figures })))
    .onConflict((oc) =>
      oc
        .column('line_id')
        .doUpdateSet({ computed_at: sql.ref('excluded.computed_at'), figures: sql.ref('excluded.figures') })
        .where((eb) => eb('line_call_snapshots.computed_at', '<=', eb.ref('excluded.computed_at'))),
    )
    .execute();
}

export async function findSnapshots(db: Kysely<DB>, jurisdictionId: string, lineIds: readonly string[]): Promise<SnapshotRow[]> {
  if (lineIds.length === 0) return [];
  return db
    .selectFrom('line_call_snapshots')
    .select(['line_id as lineId', 'computed_at as computedAt', 'figures'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('line_id', 'in', [...lineIds])
    .execute();
}
