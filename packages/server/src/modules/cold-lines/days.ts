import { addDays, CALLBACK_WINDOW_MS, localDate, zonedInstant } from '@openline/core';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { callsChangedSince, claimDaysWatermark, replaceDay } from './days-repository.js';
import { findJurisdictions, findLines } from './lines-repository.js';
import { windowCounts } from './window.js';

/** Calls changed this long before the watermark are read again (a transaction that committed late). */
const OVERLAP_MS = 5 * 60_000;

export interface DaysResult {
  ran: boolean;
  days: number;
}

/**
 * Keeps `line_call_days` (each line's calls per local day) in step with `call_records`: every
 * day with a call changed since the last pass is recomputed whole for its jurisdiction, in one
 * transaction. An outbound call also recomputes the day of the hour before it, whose missed
 * calls it may have called back. A pass costs the calls of the days touched — today's, mostly.
 */
export async function refreshLineCallDays(ctx: Pick<AppContext, 'db'>, o: { now?: Date; rebuild?: boolean } = {}): Promise<DaysResult> {
  const now = o.now ?? new Date();
  const jurisdictions = new Map((await findJurisdictions(ctx.db)).map((j) => [j.id, j.timezone]));
  return inTransaction(ctx, async (tx) => {
    const previous = await claimDaysWatermark(tx.db, nowIso(now));
    if (previous === null) return { ran: false, days: 0 };
    const since = o.rebuild ? '1970-01-01T00:00:00.000Z' : nowIso(new Date(Date.parse(previous) - OVERLAP_MS));
    const touched = new Set<string>();
    for (const c of await callsChangedSince(tx.db, since)) {
      const tz = jurisdictions.get(c.jurisdictionId);
      if (!tz) continue;
      const at = new Date(c.offeredAt);
      touched.add(`${c.jurisdictionId}|${localDate(at, tz)}`);
      if (c.direction === 'out') touched.add(`${c.jurisdictionId}|${localDate(new Date(at.getTime() - CALLBACK_WINDOW_MS), tz)}`);
    }
    for (const key of touched) {
      const [jurisdictionId = '', day = ''] = key.split('|');
      const tz = jurisdictions.get(jurisdictionId) ?? 'UTC';
      const lineIds = (await findLines(tx.db, { jurisdictionId })).map((l) => l.id);
      const w = { jurisdictionId, lineIds, since: zonedInstant(day, 0, tz).toISOString(), until: zonedInstant(addDays(day, 1), 0, tz).toISOString() };
      const counts = await windowCounts(tx.db, w, now);
      const rows = [...counts].map(([lineId, c]) => ({
        jurisdiction_id: jurisdictionId, line_id: lineId, day, offered: c.offered, picked_up: c.pickedUp, within_15s: c.within15s, called_back: c.calledBack,
      }));
      await replaceDay(tx.db, { jurisdictionId, day, rows });
    }
    return { ran: true, days: touched.size };
  });
}
