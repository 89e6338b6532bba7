import { addDays, weekdayOf, type IsoDate } from '../calendar/local-time.js';
import { metricRates, type MetricCounts, type MetricRates } from './rates.js';

/**
 * One row of the figures API: every count, every rate made of them (null without a
 * denominator), and the telephony figures, which stay null until call records exist
 * (issue 10 fills them): an unknown 接通率 is never shown as 0 %.
 */
export type Figures = MetricCounts &
  MetricRates & {
    /** 接通率: answered calls / offered calls; null while there are no call records. */
    answerRate: number | null;
    /** Whether `answerRate` is backed by call records at all. */
    callData: boolean;
  };

/**
 * Written out field by field on purpose: V8 makes a literal of known shape in one step, while
 * `{ ...counts, ...metricRates(counts), … }` took ~16 µs an object, 20–30× as long, and made most
 * of the garbage of a by-unit figures request (351 of them: ~7 MB allocated a request at 10 M
 * cases, docs/benchmarks.md). The type checks that no field is missing or extra.
 */
export function toFigures(c: MetricCounts): Figures {
  const r = metricRates(c);
  return {
    dispatched: c.dispatched, returns: c.returns, responseDue: c.responseDue, respondedOnTime: c.respondedOnTime, visits: c.visits,
    solved: c.solved, satisfied: c.satisfied, overdue: c.overdue, contacts: c.contacts, directResolved: c.directResolved,
    closures: c.closures, closedOnTime: c.closedOnTime, reopened: c.reopened, overdueDays: c.overdueDays, extensions: c.extensions,
    supervisionNotices: c.supervisionNotices, arbitrations: c.arbitrations,
    responseRate: r.responseRate, resolutionRate: r.resolutionRate, satisfactionRate: r.satisfactionRate, returnRate: r.returnRate,
    directResolutionRate: r.directResolutionRate, onTimeClosureRate: r.onTimeClosureRate, reopenRate: r.reopenRate,
    answerRate: null, callData: false,
  };
}

export type PeriodGrain = 'day' | 'week' | 'month';

/**
 * The bucket a local day falls in: the day itself; the Monday of its ISO week (weeks start on
 * Monday, so a week crossing a month or year boundary stays one bucket); or YYYY-MM.
 */
export function periodBucket(day: IsoDate, grain: PeriodGrain): string {
  if (grain === 'day') return day;
  if (grain === 'month') return day.slice(0, 7);
  // weekdayOf: 0 = Sunday; Sunday is the 7th day of the ISO week, 6 days after its Monday.
  return addDays(day, -((weekdayOf(day) + 6) % 7));
}

/** Every bucket that days from..to (inclusive) touch, in order, so a chart has no gaps. */
export function periodBuckets(from: IsoDate, to: IsoDate, grain: PeriodGrain): string[] {
  const keys: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const key = periodBucket(d, grain);
    if (keys[keys.length - 1] !== key) keys.push(key);
  }
  return keys;
}
