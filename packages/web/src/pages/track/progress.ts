import type { CaseStatus } from '@openline/core';

/** The milestones a citizen sees, in order (DESIGN §4 simplified to what matters to them). */
export const MILESTONES = ['received', 'dispatched', 'handling', 'replied', 'visited', 'closed'] as const;
export type Milestone = (typeof MILESTONES)[number];

// Side states (merged, invalid) have no place on the line and are explained in words instead.
const MILESTONE_OF: Partial<Record<CaseStatus, Milestone>> = {
  received: 'received',
  triaged: 'received',
  returned: 'received',
  dispatched: 'dispatched',
  accepted: 'handling',
  in_progress: 'handling',
  replied: 'replied',
  visited: 'visited',
  closed: 'closed',
};

/** Index of the current milestone, or null when the status is not on the line. */
export function milestoneIndex(status: CaseStatus): number | null {
  const milestone = MILESTONE_OF[status];
  return milestone ? MILESTONES.indexOf(milestone) : null;
}
