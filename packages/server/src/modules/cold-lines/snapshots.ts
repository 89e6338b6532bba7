import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { nowIso } from '../../lib/ids.js';
import { currentFigures, type CurrentFigures } from './current.js';
import { findSnapshots, upsertSnapshots } from './snapshots-repository.js';

/**
 * How old a line's 24-h figures may be when the public reads them (ADR 0041). The worker's
 * cold-line pass rewrites every line's snapshot once a minute (jobs/worker.ts
 * COLD_LINES_EVERY_MS); two passes' worth leaves room for a slow pass. Older (a stopped worker,
 * a new line) and the reader computes the line itself and stores the result for the next one.
 */
export const SNAPSHOT_MAX_AGE_MS = 2 * 60_000;
/** A snapshot stamped later than this past the reader's clock is not trusted (a clock ahead, a test's future). */
const FUTURE_SLACK_MS = 60_000;

const serialise = (f: CurrentFigures): string => JSON.stringify({ detail: f.detail, thresholds: f.thresholds });
/** Our own JSON, written by `serialise` above. */
const deserialise = (s: { figures: string; computedAt: string }): CurrentFigures => ({ ...(JSON.parse(s.figures) as Omit<CurrentFigures, 'computedAt'>), computedAt: s.computedAt });

/** Stores figures just computed for these lines, stamped with the time they describe. */
export async function storeSnapshots(db: Kysely<DB>, jurisdictionId: string, figures: ReadonlyMap<string, CurrentFigures>, now: Date): Promise<void> {
  const computedAt = nowIso(now);
  await upsertSnapshots(db, jurisdictionId, [...figures].map(([lineId, f]) => ({ lineId, computedAt, figures: serialise(f) })));
}

/**
 * Each line's rolling 24 h for the public pages: the worker's snapshot when it is at most
 * SNAPSHOT_MAX_AGE_MS old, else computed now (currentFigures) and stored, so a missing worker
 * costs one computation per line per interval, not one per request.
 */
export async function servedFigures(db: Kysely<DB>, jurisdictionId: string, lines: ReadonlyArray<{ id: string }>, now: Date = new Date()): Promise<Map<string, CurrentFigures>> {
  const out = new Map<string, CurrentFigures>();
  const t = now.getTime();
  for (const s of await findSnapshots(db, jurisdictionId, lines.map((l) => l.id))) {
    const age = t - Date.parse(s.computedAt);
    if (age <= SNAPSHOT_MAX_AGE_MS && age >= -FUTURE_SLACK_MS) out.set(s.lineId, deserialise(s));
  }
  const missing = lines.filter((l) => !out.has(l.id));
  if (missing.length > 0) {
    const fresh = await currentFigures(db, jurisdictionId, missing, now);
    await storeSnapshots(db, jurisdictionId, fresh, now);
    for (const [id, f] of fresh) out.set(id, f);
  }
  return out;
}
