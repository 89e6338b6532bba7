import type { LabeledText } from '@openline/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { closedCategorised, correctedSince } from './repository.js';

/**
 * Weight of a case whose category an operator corrected: the keyword suggestion (or the model)
 * missed it and a person who read the case said so. Counted twice, as the router counts its
 * confirmed corrections (routing/examples.ts), so the next version leans towards what it missed
 * without letting a handful of corrections outvote the history around them.
 */
export const CORRECTED_CATEGORY_WEIGHT = 2;

export interface CategoryExamples {
  examples: LabeledText[];
  /** Examples whose category an operator corrected after intake, open or closed. */
  corrections: number;
}

/**
 * What the category model learns from (ADR 0045): every closed case with a category (its
 * category at closure), and every open case whose category an operator corrected — the newest
 * evidence of where the suggestion goes wrong, weeks before the case closes. Corrected cases
 * count CORRECTED_CATEGORY_WEIGHT times. At most `max` in all, open corrections first. Cases a
 * citizen categorised and nobody has looked at yet (open, uncorrected) are not evidence.
 */
export async function categoryExamples(db: Kysely<DB>, jurisdictionId: string, max: number): Promise<CategoryExamples> {
  const closed = await closedCategorised(db, jurisdictionId, max);
  const since = closed.reduce<string | null>((min, c) => (min === null || c.createdAt < min ? c.createdAt : min), null);
  const corrected = await correctedSince(db, jurisdictionId, since);
  const correctedIds = new Set(corrected.map((c) => c.id));
  const open = corrected.filter((c) => c.status !== 'closed').slice(0, max);
  const examples: LabeledText[] = open.map((c) => ({ body: c.content, label: c.categoryId ?? '', weight: CORRECTED_CATEGORY_WEIGHT }));
  let closedCorrections = 0;
  for (const c of closed.slice(0, max - examples.length)) {
    const wasCorrected = correctedIds.has(c.id);
    if (wasCorrected) closedCorrections++;
    examples.push({ body: c.content, label: c.categoryId ?? '', ...(wasCorrected ? { weight: CORRECTED_CATEGORY_WEIGHT } : {}) });
  }
  return { examples, corrections: open.length + closedCorrections };
}
