import { emptyCounts, toFigures, type Figures, type LineFigures, type MetricCounts } from '@openline/core';

/** Every public figure carries the fields of a `/stats/units` item without the unit (core Figures). */
export type PublicFigures = Figures;

export function presentFigures(counts: MetricCounts | undefined): PublicFigures {
  return toFigures(counts ?? emptyCounts());
}

export function presentLineFigures(m: string, counts: MetricCounts | undefined): NonNullable<LineFigures> {
  const f = presentFigures(counts);
  return { month: m, dispatched: f.dispatched, visits: f.visits, responseRate: f.responseRate, resolutionRate: f.resolutionRate, satisfactionRate: f.satisfactionRate };
}
