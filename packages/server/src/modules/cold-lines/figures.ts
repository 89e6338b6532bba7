import { answerRateDetail, GBT_33358_THRESHOLDS, periodBucket, periodBuckets, type LineCallFigureList } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import type { SessionUser } from '../auth/service.js';
import { caseListScope } from '../cases/policy.js';
import { assertPeriod } from '../stats/period.js';
import { hasCallRecords } from './calls-repository.js';
import { sumDays } from './days-repository.js';
import { findLines, unitPaths, type MonitoredLine } from './lines-repository.js';

export interface DayCounts {
  offered: number;
  pickedUp: number;
  within15s: number;
  calledBack: number;
}

const zero = (): DayCounts => ({ offered: 0, pickedUp: 0, within15s: 0, calledBack: 0 });
const add = (a: DayCounts, b: DayCounts): DayCounts => ({
  offered: a.offered + b.offered, pickedUp: a.pickedUp + b.pickedUp, within15s: a.within15s + b.within15s, calledBack: a.calledBack + b.calledBack,
});

/** A period's figures: counts and the rates made of them (null when nothing was offered). */
export function periodFigures(c: DayCounts) {
  const d = answerRateDetail({ offered: c.offered, answered: c.pickedUp, answeredWithin15s: c.within15s, calledBack: c.calledBack }, GBT_33358_THRESHOLDS);
  return {
    offered: d.offered, pickedUp: d.pickedUp, calledBack: d.calledBack, answered: d.answered, missed: d.missed, answeredWithin15s: d.answeredWithin15s,
    answerRate: d.answerRate, answeredWithin15sRate: d.answeredWithin15sRate,
  };
}
export type PeriodFigures = ReturnType<typeof periodFigures>;

/**
 * The lines whose calls a user may read figures of: the case-list scope (ADR 0013) applied to
 * lines by their owner's unit — every line for jurisdiction-wide roles, the lines owned in one's
 * subtree otherwise, and an official's own lines. Tip lines never: how many people rang the tip
 * line is kept out of every report, as their monthly figures are (ADR 0006).
 */
export async function linesInScope(ctx: AppContext, user: SessionUser, lineId?: string): Promise<MonitoredLine[]> {
  const scope = caseListScope(user);
  if (!scope) throw new AppError('FORBIDDEN', 'Your role does not allow this');
  const lines = await findLines(ctx.db, {
    jurisdictionId: user.jurisdictionId,
    unitPath: scope.kind === 'units' ? scope.unitPath : null,
    ownerUserId: scope.kind === 'units' ? scope.ownerUserId : null,
    ...(lineId !== undefined && { lineId }),
  });
  return lines.filter((l) => l.mode !== 'tip');
}

/** Figures per line per local day or month over [from, to] (issue 10 §4), from the day rollup. */
export async function lineCallFigures(ctx: AppContext, q: { user: SessionUser; from: string; to: string; by: 'day' | 'month'; lineId?: string | undefined }): Promise<LineCallFigureList> {
  assertPeriod(q.from, q.to);
  const lines = await linesInScope(ctx, q.user, q.lineId);
  if (q.lineId !== undefined && lines.length === 0) throw new AppError('NOT_FOUND', 'No such line within your scope');
  const rows = await sumDays(ctx.db, { jurisdictionId: q.user.jurisdictionId, lineIds: lines.map((l) => l.id), from: q.from, to: q.to });
  const cells = new Map<string, DayCounts>();
  for (const r of rows) {
    const key = `${r.lineId}|${periodBucket(r.day, q.by)}`;
    cells.set(key, add(cells.get(key) ?? zero(), r));
  }
  const periods = periodBuckets(q.from, q.to, q.by);
  return {
    from: q.from, to: q.to, by: q.by,
    items: lines.map((l) => ({
      lineId: l.id, number: l.number, name: l.name, ownerTitle: l.ownerTitle,
      total: periodFigures(periods.reduce((acc, p) => add(acc, cells.get(`${l.id}|${p}`) ?? zero()), zero())),
      periods: periods.map((p) => ({ period: p, ...periodFigures(cells.get(`${l.id}|${p}`) ?? zero()) })),
    })),
  };
}

export interface FiguresOverlayQuery {
  user: SessionUser;
  from: string;
  to: string;
  by: 'unit' | 'line' | 'type' | 'channel' | 'category' | 'day' | 'week' | 'month';
  unitId?: string | undefined;
  categoryId?: string | undefined;
  subtree: boolean;
  lineId?: string | undefined;
  type?: string | undefined;
  channel?: string | undefined;
}

interface Rated {
  answerRate: number | null;
  callData: boolean;
}

/**
 * 接通率 for the accountability figures (`GET /stats/figures`), from the day rollup. A line's
 * calls count for the unit of the line's owner (a line without an owner for the centre's row,
 * key ''), for the days they were offered, and for no case type or channel: with a type or
 * channel filter, or by type or channel, 接通率 stays null (ADR 0021). `callData` says whether
 * the jurisdiction hears from a phone system at all, so "no calls" and "no telephony" differ.
 */
export async function withAnswerRates<Tot extends Rated, I extends Rated & { key: string }>(
  ctx: AppContext,
  q: FiguresOverlayQuery,
  result: { total: Tot; items: I[] },
): Promise<{ total: Tot; items: I[] }> {
  const callData = await hasCallRecords(ctx.db, q.user.jurisdictionId);
  // Calls have no case type, channel or category: by or within one, 接通率 is unknown (null).
  const notOfCalls = q.type !== undefined || q.channel !== undefined || q.categoryId !== undefined || q.by === 'type' || q.by === 'channel' || q.by === 'category';
  if (!callData || notOfCalls) return rated(result, callData, () => null, () => null);
  let lines = await linesInScope(ctx, q.user, q.lineId);
  const paths = q.subtree ? await unitPaths(ctx.db, q.user.jurisdictionId) : new Map<string, string>();
  if (q.unitId !== undefined) {
    const path = paths.get(q.unitId);
    lines = lines.filter((l) => l.ownerUnitId === q.unitId || (q.subtree && path !== undefined && l.ownerUnitPath?.startsWith(path)));
  }
  const rows = await sumDays(ctx.db, { jurisdictionId: q.user.jurisdictionId, lineIds: lines.map((l) => l.id), from: q.from, to: q.to });
  // One pass over the day rows, summed per line and per period; each item then sums a few lines
  // or reads one period. Filtering every row again for every item (as before) was items × rows:
  // 351 units × a thousand lines' month is ten million tests per dashboard.
  const byLine = new Map<string, DayCounts>();
  const byPeriod = new Map<string, DayCounts>();
  const grain = q.by === 'day' || q.by === 'week' || q.by === 'month' ? q.by : undefined;
  for (const r of rows) {
    byLine.set(r.lineId, add(byLine.get(r.lineId) ?? zero(), r));
    if (grain !== undefined) {
      const key = periodBucket(r.day, grain);
      byPeriod.set(key, add(byPeriod.get(key) ?? zero(), r));
    }
  }
  const rateOfLines = (pick: (l: MonitoredLine) => boolean): number | null =>
    periodFigures(lines.reduce((acc, l) => (pick(l) ? add(acc, byLine.get(l.id) ?? zero()) : acc), zero())).answerRate;
  const itemRate = (key: string): number | null => {
    switch (q.by) {
      case 'line':
        return periodFigures(byLine.get(key) ?? zero()).answerRate;
      case 'unit': {
        if (key === '') return rateOfLines((l) => l.ownerUnitId === null);
        const path = paths.get(key);
        return rateOfLines((l) => l.ownerUnitId === key || (q.subtree && path !== undefined && l.ownerUnitPath?.startsWith(path) === true));
      }
      case 'day':
      case 'week':
      case 'month':
        return periodFigures(byPeriod.get(key) ?? zero()).answerRate;
      default:
        return null;
    }
  };
  return rated(result, callData, () => rateOfLines(() => true), itemRate);
}

/**
 * The figures with 接通率 and `callData` set. The items are written IN PLACE: they were built for
 * this one answer (stats/figures-service), and a spread copy of a ~40-field item costs V8 ~16 µs,
 * 351 of them on a city's by-unit dashboard (docs/benchmarks.md, "the month dashboard's garbage").
 */
function rated<Tot extends Rated, I extends Rated & { key: string }>(
  result: { total: Tot; items: I[] },
  callData: boolean,
  totalRate: () => number | null,
  itemRate: (key: string) => number | null,
): { total: Tot; items: I[] } {
  for (const i of result.items) {
    i.answerRate = itemRate(i.key);
    i.callData = callData;
  }
  return { total: { ...result.total, answerRate: totalRate(), callData }, items: result.items };
}

/**
 * 接通率 for the public figures (`GET /public/stats`): the jurisdiction's and each published
 * line's, over the same local days as the other figures. Lines listed there are the non-tip
 * published ones, so no tip line's calls reach this sum (ADR 0006).
 */
export async function publicAnswerRatesByLine(ctx: AppContext, o: { jurisdictionId: string; lineIds: readonly string[]; from: string; to: string }) {
  const rows = await sumDays(ctx.db, o);
  const callData = await hasCallRecords(ctx.db, o.jurisdictionId);
  const sum = (filter: (r: (typeof rows)[number]) => boolean): number | null => periodFigures(rows.filter(filter).reduce((acc, r) => add(acc, r), zero())).answerRate;
  return {
    callData,
    all: sum(() => true),
    byLine: new Map(o.lineIds.map((id) => [id, sum((r) => r.lineId === id)])),
    byMonth: (month: string) => sum((r) => r.day.startsWith(month)),
    lineInMonth: (id: string, month: string) => sum((r) => r.lineId === id && r.day.startsWith(month)),
  };
}
