import { emptyCounts, toFigures, type MetricCounts } from '@openline/core';
import { z } from 'zod';
import { rankingItem } from '../ranking/routes.js';
import { figuresSchema } from '../stats/schemas.js';

const count = z.number().int().min(0);
const ratio = z.number().min(0).max(1).nullable().describe('null when the denominator is 0');

/** Every public figure carries the fields of a `/stats/units` item without the unit (core Figures). */
export { figuresSchema };
export type PublicFigures = z.infer<typeof figuresSchema>;

export function presentFigures(counts: MetricCounts | undefined): PublicFigures {
  return toFigures(counts ?? emptyCounts());
}

const month = z.string().describe('YYYY-MM');

export const publicStatsSchema = z.object({
  month,
  jurisdiction: figuresSchema,
  units: z.array(figuresSchema.extend({ unitId: z.string(), unitName: z.string(), last12Months: figuresSchema })),
  lines: z.array(
    figuresSchema.extend({ lineId: z.string(), number: z.string(), name: z.string(), ownerTitle: z.string(), last12Months: figuresSchema }),
  ).describe('published lines only; tip lines never'),
  trend: z.array(figuresSchema.extend({ month })).describe('the jurisdiction, month by month, the 12 months ending with `month`'),
  ranking: z.array(rankingItem).describe('departments, districts, streets and companies ranked by the composite score of the month (ADR 0014), with the change from the month before'),
});
export type PublicStats = z.infer<typeof publicStatsSchema>;

/** What a directory entry shows next to its number: the last complete month. */
export const lineFiguresSchema = z
  .object({
    month,
    dispatched: count.describe('cases from this line dispatched to a department in the month'),
    visits: count,
    responseRate: ratio,
    resolutionRate: ratio,
    satisfactionRate: ratio,
  })
  .nullable()
  .describe('null for a tip line (its figures are never published)');
export type LineFigures = z.infer<typeof lineFiguresSchema>;

export function presentLineFigures(m: string, counts: MetricCounts | undefined): NonNullable<LineFigures> {
  const f = presentFigures(counts);
  return { month: m, dispatched: f.dispatched, visits: f.visits, responseRate: f.responseRate, resolutionRate: f.resolutionRate, satisfactionRate: f.satisfactionRate };
}
