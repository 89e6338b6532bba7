import { emptyCounts, metricRates, type MetricCounts } from '@openline/core';
import { z } from 'zod';

const count = z.number().int().min(0);
const ratio = z.number().min(0).max(1).nullable().describe('null when the denominator is 0');

/** The fields of a `/stats/units` item without the unit: what every public figure carries. */
export const figuresSchema = z.object({
  dispatched: count,
  returns: count,
  returnRate: ratio.describe('退单率 returns / dispatched'),
  responseDue: count,
  respondedOnTime: count,
  responseRate: ratio.describe('响应率 respondedOnTime / responseDue'),
  visits: count,
  solved: count,
  resolutionRate: ratio.describe('解决率 solved / visits'),
  satisfied: count.describe('satisfied plus basically satisfied visits'),
  satisfactionRate: ratio.describe('满意率 satisfied / visits'),
  overdue: count,
});
export type Figures = z.infer<typeof figuresSchema>;

export function presentFigures(counts: MetricCounts | undefined): Figures {
  const c = counts ?? emptyCounts();
  const r = metricRates(c);
  return {
    dispatched: c.dispatched,
    returns: c.returns,
    returnRate: r.returnRate,
    responseDue: c.responseDue,
    respondedOnTime: c.respondedOnTime,
    responseRate: r.responseRate,
    visits: c.visits,
    solved: c.solved,
    resolutionRate: r.resolutionRate,
    satisfied: c.satisfied,
    satisfactionRate: r.satisfactionRate,
    overdue: c.overdue,
  };
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
