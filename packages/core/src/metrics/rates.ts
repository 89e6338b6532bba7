/**
 * The published rates (DESIGN §6), computed from counts. A rate with nothing to divide by is
 * `null` — "no case fell due" is not "0 % answered" — so screens can show 暂无 rather than a
 * misleading zero.
 */

/** The counts every rate is made of; see facts.ts for what puts a fact into a day and a unit. */
export interface MetricCounts {
  /** Dispatches (and arbitrations) received by the unit. */
  dispatched: number;
  /** Returns (退单) of those dispatches, counted on the day of the dispatch they answer. */
  returns: number;
  /** Response (contact) deadlines that fell due. */
  responseDue: number;
  /** …of which the citizen was contacted at or before the deadline. */
  respondedOnTime: number;
  /** Completed return visits (every visit, not only a case's latest). */
  visits: number;
  /** …answering "solved". */
  solved: number;
  /** …answering satisfied or basically satisfied. */
  satisfied: number;
  /** Deadlines (accept, contact or resolve) that went overdue. */
  overdue: number;
  /** Citizen contacts received (calls, messages, forms), to the centre (unit ''); see contacts.ts. */
  contacts: number;
  /** …that opened a case the centre answered at intake (直办). */
  directResolved: number;
  /** Closures (办结): a department's reply, which ends its handling and meets the resolve deadline. */
  closures: number;
  /** …made by the resolve deadline in force then (an approved extension's, if any). */
  closedOnTime: number;
  /** Reopenings after a visit or closure, to the unit that must handle the case again. */
  reopened: number;
  /** Days late of the closures made after their deadline: each counts ceil(late / 24 h). */
  overdueDays: number;
  /** Approved extensions. */
  extensions: number;
  /** Supervision notices (督办单) the unit received. */
  supervisionNotices: number;
  /** Arbitrations assigning the case to the unit after returns. */
  arbitrations: number;
}

export const METRIC_COUNT_KEYS = [
  'dispatched',
  'returns',
  'responseDue',
  'respondedOnTime',
  'visits',
  'solved',
  'satisfied',
  'overdue',
  'contacts',
  'directResolved',
  'closures',
  'closedOnTime',
  'reopened',
  'overdueDays',
  'extensions',
  'supervisionNotices',
  'arbitrations',
] as const satisfies readonly (keyof MetricCounts)[];

export function emptyCounts(): MetricCounts {
  const counts = {} as MetricCounts;
  for (const key of METRIC_COUNT_KEYS) counts[key] = 0;
  return counts;
}

export function addCounts(a: MetricCounts, b: MetricCounts): MetricCounts {
  const sum = emptyCounts();
  for (const key of METRIC_COUNT_KEYS) sum[key] = a[key] + b[key];
  return sum;
}

/** numerator / denominator, or null when there is no denominator. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

export interface MetricRates {
  /** 响应率 = contacted by the deadline / response deadlines due. */
  responseRate: number | null;
  /** 解决率 = visits answering solved / completed visits. */
  resolutionRate: number | null;
  /** 满意率 = (satisfied + basically satisfied) / completed visits. */
  satisfactionRate: number | null;
  /** 退单率 = returns / dispatches received. */
  returnRate: number | null;
  /** 直办率 = contacts answered at intake / contacts received. */
  directResolutionRate: number | null;
  /** 按期办结率 = closures by the deadline / closures. */
  onTimeClosureRate: number | null;
  /** 重办率 = reopenings / closures. */
  reopenRate: number | null;
}

export function metricRates(c: MetricCounts): MetricRates {
  return {
    responseRate: rate(c.respondedOnTime, c.responseDue),
    resolutionRate: rate(c.solved, c.visits),
    satisfactionRate: rate(c.satisfied, c.visits),
    returnRate: rate(c.returns, c.dispatched),
    directResolutionRate: rate(c.directResolved, c.contacts),
    onTimeClosureRate: rate(c.closedOnTime, c.closures),
    reopenRate: rate(c.reopened, c.closures),
  };
}
