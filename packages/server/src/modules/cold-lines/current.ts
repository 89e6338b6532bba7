import type { AnswerRateDetail } from '@openline/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { nowIso } from '../../lib/ids.js';
import type { MonitoredLine } from './lines-repository.js';
import { thresholdsFor, type StoredThresholds } from './thresholds-repository.js';
import { detailOf, windowCounts } from './window.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CurrentFigures {
  detail: AnswerRateDetail;
  thresholds: StoredThresholds;
  /** The instant the rolling 24 h ends at (ISO-8601): now, or when the worker's snapshot was taken (ADR 0041). */
  computedAt: string;
}

/**
 * Each line's rolling 24 h before `now` judged by its own thresholds: what the directory shows,
 * what the monitor opens and closes episodes on, and what the admin page lists. The lines are
 * of one jurisdiction, named in the calls' queries (ADR 0033).
 */
export async function currentFigures(
  db: Kysely<DB>,
  jurisdictionId: string,
  lines: ReadonlyArray<Pick<MonitoredLine, 'id'>>,
  now: Date,
): Promise<Map<string, CurrentFigures>> {
  const lineIds = lines.map((l) => l.id);
  const thresholds = await thresholdsFor(db, lineIds);
  const counts = await windowCounts(db, { jurisdictionId, lineIds, since: new Date(now.getTime() - DAY_MS).toISOString(), until: new Date(now.getTime() + 1).toISOString() }, now);
  const out = new Map<string, CurrentFigures>();
  for (const id of lineIds) {
    const t = thresholds.get(id);
    if (t) out.set(id, { thresholds: t, detail: detailOf(counts.get(id), t), computedAt: nowIso(now) });
  }
  return out;
}
