import { isIsoMonth, lastCompleteMonth, localDate, monthDays, monthOf, monthsEnding, type LineFigures, type MetricCounts, type PublicStats } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { publicAnswerRatesByLine } from '../cold-lines/figures.js';
import { findDefaultJurisdiction } from '../jurisdictions/repository.js';
import { listPublicLines } from '../lines/repository.js';
import { presentRanking } from '../ranking/presenter.js';
import { jurisdictionRanking } from '../ranking/service.js';
import { presentFigures, presentLineFigures, type PublicFigures } from './presenter.js';
import { listUnits, sumFigures, type FiguresGrouping } from './repository.js';

/**
 * The month a public request asks for: `YYYY-MM`, not after the jurisdiction's current month
 * (a future month has no figures yet, and answering zeros would read as "nothing went wrong").
 * Without one, the last complete month. The current month is allowed: figures so far.
 */
export function resolvePublicMonth(requested: string | undefined, timeZone: string, now: Date = new Date()): string {
  const today = localDate(now, timeZone);
  if (requested === undefined) return lastCompleteMonth(today);
  if (!isIsoMonth(requested)) throw new AppError('INVALID_MONTH', 'The month is not valid', [{ path: 'month', message: 'expected YYYY-MM' }]);
  if (requested > monthOf(today)) throw new AppError('INVALID_MONTH', 'The month is not valid', [{ path: 'month', message: 'in the future' }]);
  return requested;
}

type Sums = Map<string, MetricCounts>;

function sums(ctx: AppContext, jurisdictionId: string, from: string, to: string, by: FiguresGrouping): Promise<Sums> {
  return sumFigures(ctx.db, { jurisdictionId, from, to, by });
}

/** The public figures (no login): the jurisdiction, each unit, each published non-tip line, a year's trend. */
export async function publicStats(ctx: AppContext, options: { month?: string; now?: Date }): Promise<PublicStats> {
  const jurisdiction = await findDefaultJurisdiction(ctx.db);
  const month = resolvePublicMonth(options.month, jurisdiction?.timezone ?? 'Asia/Shanghai', options.now);
  const months = monthsEnding(month, 12);
  if (!jurisdiction) {
    return { month, jurisdiction: presentFigures(undefined), units: [], lines: [], trend: months.map((m) => ({ month: m, ...presentFigures(undefined) })), ranking: [] };
  }
  const j = jurisdiction.id;
  const { from: first, to: last } = monthDays(month);
  const yearFrom = monthDays(months[0] ?? month).from;
  const [units, lines, unitMonth, unitYear, lineMonth, lineYear, trend, ranking] = await Promise.all([
    listUnits(ctx.db, j),
    listPublicLines(ctx.db, j),
    sums(ctx, j, first, last, 'unit_id'),
    sums(ctx, j, yearFrom, last, 'unit_id'),
    sums(ctx, j, first, last, 'line_id'),
    sums(ctx, j, yearFrom, last, 'line_id'),
    sums(ctx, j, yearFrom, last, 'month'),
    jurisdictionRanking(ctx, { jurisdictionId: j, unitPath: null, month, kind: 'all' }),
  ]);
  const published = lines.filter((l) => l.mode !== 'tip');
  // 接通率 from the published lines' calls (issue 10 §4, ADR 0021).
  const calls = await publicAnswerRatesByLine(ctx, { jurisdictionId: j, lineIds: published.map((l) => l.id), from: yearFrom, to: last });
  const rated = (figures: PublicFigures, answerRate: number | null): PublicFigures => ({ ...figures, answerRate, callData: calls.callData });
  return {
    month,
    jurisdiction: rated(presentFigures(trend.get(month)), calls.byMonth(month)),
    units: units.map((u) => ({ unitId: u.id, unitName: u.name, ...presentFigures(unitMonth.get(u.id)), last12Months: presentFigures(unitYear.get(u.id)) })),
    // A tip line's figures would say how many crimes were reported and how they went: never.
    lines: published.map((l) => ({
      lineId: l.id, number: l.number, name: l.name, ownerTitle: l.ownerTitle,
      ...rated(presentFigures(lineMonth.get(l.id)), calls.lineInMonth(l.id, month)), last12Months: rated(presentFigures(lineYear.get(l.id)), calls.byLine.get(l.id) ?? null),
    })),
    trend: months.map((m) => ({ month: m, ...rated(presentFigures(trend.get(m)), calls.byMonth(m)) })),
    ranking: presentRanking(ranking).items,
  };
}

/** The directory's figures per line id: the last complete month; tip lines get none (null). */
export async function directoryFigures(ctx: AppContext, jurisdiction: { id: string; timezone: string }, lines: ReadonlyArray<{ id: string; mode: string }>, now: Date = new Date()): Promise<Map<string, LineFigures>> {
  const month = lastCompleteMonth(localDate(now, jurisdiction.timezone));
  const { from: first, to: last } = monthDays(month);
  const byLine = await sums(ctx, jurisdiction.id, first, last, 'line_id');
  return new Map(lines.map((l) => [l.id, l.mode === 'tip' ? null : presentLineFigures(month, byLine.get(l.id))]));
}
