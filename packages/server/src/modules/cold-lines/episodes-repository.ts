import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface OpenEpisode {
  id: string;
  lineId: string;
  startedAt: string;
}

export async function openEpisodes(db: Kysely<DB>, lineIds: readonly string[]): Promise<Map<string, OpenEpisode>> {
  if (lineIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('cold_line_episodes')
    .select(['id', 'line_id as lineId', 'started_at as startedAt'])
    .where('line_id', 'in', [...lineIds])
    .where('ended_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.lineId, r]));
}

/**
 * Opens an episode unless the line already has one open: the partial unique index decides, so
 * of two workers looking at once exactly one inserts (and so alerts).
 */
export async function insertEpisodeIfNone(db: Kysely<DB>, e: { id: string; jurisdictionId: string; lineId: string; at: string; figures: string }): Promise<boolean> {
  const result = await db
    .insertInto('cold_line_episodes')
    .values({ id: e.id, jurisdiction_id: e.jurisdictionId, line_id: e.lineId, started_at: e.at, ended_at: null, start_figures: e.figures, end_figures: null })
    .onConflict((oc) => oc.column('line_id').where('ended_at', 'is', null).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Ends the episode if it is still open (again: one of two workers wins). */
export async function closeEpisode(db: Kysely<DB>, e: { id: string; at: string; figures: string }): Promise<boolean> {
  const result = await db
    .updateTable('cold_line_episodes')
    .set({ ended_at: e.at, end_figures: e.figures })
    .where('id', '=', e.id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function episodesOfLine(db: Kysely<DB>, lineId: string, limit: number) {
  return db
    .selectFrom('cold_line_episodes')
    .select(['id', 'started_at as startedAt', 'ended_at as endedAt', 'start_figures as startFigures', 'end_figures as endFigures'])
    .where('line_id', '=', lineId)
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute();
}
