import { SAME_INCIDENT_WINDOW_MS } from '@openline/core';
import type { AppContext } from '../../lib/app-context.js';
import { deletePlacesBefore } from '../intake-check/places.js';
import { deleteProcessedBefore } from './repository.js';

/** How long processed rows are kept by default: long enough to look into a surge afterwards. */
export const DEFAULT_PUBLIC_INTAKE_KEEP_DAYS = 30;
/** Rows per DELETE: a surge's worth of rows goes in short statements, each a brief write lock on SQLite. */
const PURGE_CHUNK = 5000;

export interface IntakePurge {
  intakeRows: number;
  placeRows: number;
}

/**
 * The worker's daily purge (ADR 0037). A processed `public_intake` row holds no appeal any more
 * (the case or contact does, with the tracking code's hash, which the tracking page and photo
 * uploads find first): after `keepDays` it is deleted, except the newest row, whose sequence
 * number is the "accepted" counter of /metrics. Place index rows older than the same-incident
 * window mean nothing to any search and go too. Unprocessed and failed rows are never purged.
 */
export async function purgePublicIntake(ctx: AppContext, o: { now: Date; keepDays: number }): Promise<IntakePurge> {
  const before = new Date(o.now.getTime() - o.keepDays * 86_400_000).toISOString();
  let intakeRows = 0;
  for (;;) {
    const n = await deleteProcessedBefore(ctx.db, { before, limit: PURGE_CHUNK });
    intakeRows += n;
    if (n < PURGE_CHUNK) break;
  }
  // A day's margin past the window: a drainer behind by hours still finds what it needs.
  const placeRows = await deletePlacesBefore(ctx.db, new Date(o.now.getTime() - SAME_INCIDENT_WINDOW_MS - 86_400_000).toISOString());
  return { intakeRows, placeRows };
}
