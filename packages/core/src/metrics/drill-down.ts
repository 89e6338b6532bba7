import type { MetricCounts } from './rates.js';

/**
 * The facts a figure can be drilled down to (the case list's `fact` filter): each count of
 * MetricCounts, and the complements behind a rate's shortfall (a missed response, an unsolved or
 * unsatisfied visit). A case is behind the figure when one of its cells in the period has the
 * fact: `count > 0`, or `count > part` for a complement (a cell's part never exceeds its whole).
 */
export const FIGURE_FACTS = [
  'dispatched',
  'returns',
  'responseDue',
  'respondedOnTime',
  'responseMissed',
  'visits',
  'solved',
  'unsolved',
  'satisfied',
  'unsatisfied',
  'overdue',
  'closures',
  'closedOnTime',
  'closedLate',
  'reopened',
  'extensions',
  'supervisionNotices',
  'arbitrations',
] as const;

export type FigureFact = (typeof FIGURE_FACTS)[number];

/**
 * The counts a case's own cells hold. Contacts and direct resolutions are not among them: they
 * are the centre's, counted per contact (contacts.ts), and a contact need not have a case.
 */
export type CaseCellCount = Exclude<keyof MetricCounts, 'contacts' | 'directResolved'>;

/** How each fact reads off a cell's counts: the count that must be positive, or exceed its part. */
export const FIGURE_FACT_RULES: Record<FigureFact, { count: CaseCellCount; minus?: CaseCellCount }> = {
  dispatched: { count: 'dispatched' },
  returns: { count: 'returns' },
  responseDue: { count: 'responseDue' },
  respondedOnTime: { count: 'respondedOnTime' },
  responseMissed: { count: 'responseDue', minus: 'respondedOnTime' },
  visits: { count: 'visits' },
  solved: { count: 'solved' },
  unsolved: { count: 'visits', minus: 'solved' },
  satisfied: { count: 'satisfied' },
  unsatisfied: { count: 'visits', minus: 'satisfied' },
  overdue: { count: 'overdue' },
  closures: { count: 'closures' },
  closedOnTime: { count: 'closedOnTime' },
  closedLate: { count: 'closures', minus: 'closedOnTime' },
  reopened: { count: 'reopened' },
  extensions: { count: 'extensions' },
  supervisionNotices: { count: 'supervisionNotices' },
  arbitrations: { count: 'arbitrations' },
};

export function isFigureFact(value: string | null | undefined): value is FigureFact {
  return typeof value === 'string' && (FIGURE_FACTS as readonly string[]).includes(value);
}

/** The number a fact stands for in a set of counts (what the drill-down's cases add up to). */
export function factValue(counts: MetricCounts, fact: FigureFact): number {
  const rule = FIGURE_FACT_RULES[fact];
  return counts[rule.count] - (rule.minus ? counts[rule.minus] : 0);
}
