import type { CaseDeadline } from '../api/cases';

/**
 * Where a deadline stands for display. `dueSoon` starts at the server's reminder time (75 % of
 * the span), so the colour turns when the unit gets its reminder, not at an arbitrary threshold.
 */
export type DeadlineState = 'met' | 'cancelled' | 'overdue' | 'dueSoon' | 'running';

export function deadlineState(deadline: CaseDeadline, now: number): DeadlineState {
  if (deadline.metAt) return 'met';
  if (deadline.cancelledAt) return 'cancelled';
  const due = Date.parse(deadline.dueAt);
  // The sweeper may not have run yet: the clock, not `overdueAt`, decides what the user sees.
  if (deadline.overdueAt || now >= due) return 'overdue';
  if (deadline.remindAt && now >= Date.parse(deadline.remindAt)) return 'dueSoon';
  return 'running';
}

const ORDER: Record<DeadlineState, number> = { overdue: 0, dueSoon: 1, running: 2, met: 3, cancelled: 4 };

/** Most pressing first: what needs doing now, then what was done, then what no longer counts. */
export function sortDeadlines(deadlines: readonly CaseDeadline[], now: number): CaseDeadline[] {
  return [...deadlines].sort(
    (a, b) => ORDER[deadlineState(a, now)] - ORDER[deadlineState(b, now)] || Date.parse(a.dueAt) - Date.parse(b.dueAt),
  );
}
