import type { LabeledText } from '@openline/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { acceptedOpenCases, caseTexts, closedCases, dispatchFeedbackSince } from './repository.js';

/**
 * Weight of a closed case whose final unit is the one the operator chose over the model's top
 * suggestion: a mistake of the model, confirmed by the unit that did the work. Counting it
 * twice leans the next version towards what it missed; much more would let a few corrections
 * outvote the consistent history around them (a correction can itself be a one-off).
 */
export const CONFIRMED_CORRECTION_WEIGHT = 2;

type Dispatch = { id: string; suggestedUnitId: string; chosenUnitId: string; createdAt: string };

/**
 * Each case's latest dispatch. Only the latest counts: an earlier choice was undone by a return
 * (the re-dispatch made a newer row), so it no longer says where the case belongs.
 */
function latestDispatches(rows: ReadonlyArray<Dispatch & { caseId: string }>): Map<string, Dispatch> {
  const latest = new Map<string, Dispatch>();
  for (const row of rows) {
    const seen = latest.get(row.caseId);
    // ISO-8601 UTC text on both databases: text order is time order; the id breaks a tie.
    if (!seen || row.createdAt > seen.createdAt || (row.createdAt === seen.createdAt && row.id > seen.id)) latest.set(row.caseId, row);
  }
  return latest;
}

const isCorrection = (d: Dispatch | undefined, unitId: string): boolean =>
  d !== undefined && d.chosenUnitId !== d.suggestedUnitId && d.chosenUnitId === unitId;

export interface LabelledExamples {
  examples: LabeledText[];
  /** Examples labelled by an operator's correction of the model, open or closed. */
  corrections: number;
  /** Of those, on cases still open. */
  openCorrections: number;
}

/**
 * What the router learns from: every closed case (label: its final unit; weighted when it
 * confirms an operator's correction) and every open case where the operator overrode the model
 * at the latest dispatch and the chosen unit has accepted it and still leads it (label: that
 * unit). Those open cases are the newest evidence of where the model is wrong, weeks before they
 * close; a return clears the lead unit and an arbitration replaces it, so either drops the case.
 * Closed and open are disjoint by status, so no case counts twice. At most `max` in all, open
 * corrections first, then the most recently closed; open cases older than the oldest of those
 * closed ones are history too old to learn from.
 */
export async function labelledExamples(db: Kysely<DB>, jurisdictionId: string, max: number): Promise<LabelledExamples> {
  const closed = await closedCases(db, jurisdictionId, max);
  // A case is dispatched after it is created: feedback since the oldest case read covers all of them.
  const since = closed.reduce<string | null>((min, c) => (min === null || c.createdAt < min ? c.createdAt : min), null);
  const latest = latestDispatches(await dispatchFeedbackSince(db, jurisdictionId, since));
  const open = (await acceptedOpenCases(db, jurisdictionId, since)).filter((c) => c.unitId !== null && isCorrection(latest.get(c.id), c.unitId));
  const kept = open.slice(0, max);
  const texts = await caseTexts(db, jurisdictionId, kept.map((c) => c.id));
  const examples: LabeledText[] = kept.map((c) => ({ body: texts.get(c.id) ?? '', label: c.unitId ?? '' }));
  let confirmed = 0;
  for (const c of closed.slice(0, max - examples.length)) {
    const label = c.unitId ?? '';
    const corrected = isCorrection(latest.get(c.id), label);
    if (corrected) confirmed++;
    examples.push({ body: c.content, label, ...(corrected ? { weight: CONFIRMED_CORRECTION_WEIGHT } : {}) });
  }
  const openCorrections = Math.min(open.length, max);
  return { examples, corrections: openCorrections + confirmed, openCorrections };
}
