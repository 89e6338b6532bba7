import { answerRateDetail, calledBackWithin, CALLBACK_WINDOW_MS, PROMPT_ANSWER_SECONDS, type AnswerRateDetail, type ColdLineThresholds } from '@openline/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { answeredOutbound, missedFromKnownNumbers, tallyCalls, type CallTally, type Window } from './calls-repository.js';

export interface WindowCounts extends CallTally {
  calledBack: number;
}

const EMPTY: WindowCounts = { offered: 0, pickedUp: 0, within15s: 0, withinLimit: 0, calledBack: 0 };

/**
 * Each line's calls offered in [since, until): the grouped tally, plus the missed calls whose
 * callers the line reached within 1 h (core calledBackWithin). Callbacks are looked for up to
 * 1 h past `until` (never past `now`), so a call missed just before midnight still counts as
 * called back on its own day.
 */
export async function windowCounts(db: Kysely<DB>, w: Window, now: Date): Promise<Map<string, WindowCounts>> {
  const tallies = await tallyCalls(db, w, PROMPT_ANSWER_SECONDS);
  const missed = await missedFromKnownNumbers(db, w);
  const callbackUntil = new Date(Math.min(Date.parse(w.until) + CALLBACK_WINDOW_MS, now.getTime() + 1)).toISOString();
  const callbacks = missed.length === 0 ? [] : await answeredOutbound(db, { jurisdictionId: w.jurisdictionId, lineIds: [...new Set(missed.map((m) => m.lineId))], since: w.since, until: callbackUntil });
  const reached = calledBackWithin(missed, callbacks);
  const calledBack = new Map<string, number>();
  for (const m of missed) if (reached.has(m.id)) calledBack.set(m.lineId, (calledBack.get(m.lineId) ?? 0) + 1);
  const out = new Map<string, WindowCounts>();
  for (const id of w.lineIds) out.set(id, { ...(tallies.get(id) ?? EMPTY), calledBack: calledBack.get(id) ?? 0 });
  return out;
}

export function detailOf(c: WindowCounts | undefined, thresholds: ColdLineThresholds): AnswerRateDetail {
  const n = c ?? EMPTY;
  return answerRateDetail({ offered: n.offered, answered: n.pickedUp, answeredWithin15s: n.within15s, answeredWithinLimit: n.withinLimit, calledBack: n.calledBack }, thresholds);
}
