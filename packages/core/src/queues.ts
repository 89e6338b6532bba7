import type { CaseStatus } from './case-status.js';
import { PRIORITY_BANDS, type PriorityBand } from './metrics/fairness.js';

/**
 * An operator's own queues (issue 12 §3): the cases that wait for the hotline side to act.
 * 待派单: recorded, not yet sent to a unit. 被退回: a unit sent it back and an operator may send it
 * again (after a second return it waits for a supervisor's arbitration instead, so it is not
 * here). 待回访: the unit replied, the citizen has not been asked yet.
 */
export const OPERATOR_QUEUES = ['awaiting_dispatch', 'returned', 'awaiting_visit'] as const;
export type OperatorQueue = (typeof OPERATOR_QUEUES)[number];

export interface QueueRule {
  statuses: readonly CaseStatus[];
  /** Required value of the arbitration flag; undefined: either. */
  awaitingArbitration?: boolean;
}

export const QUEUE_RULES: Record<OperatorQueue, QueueRule> = {
  awaiting_dispatch: { statuses: ['received', 'triaged'] },
  returned: { statuses: ['returned'], awaitingArbitration: false },
  awaiting_visit: { statuses: ['replied'] },
};

export const PRIORITY_BAND_CODES = PRIORITY_BANDS.map((b) => b.band) as [PriorityBand, ...PriorityBand[]];

/**
 * The scores a band covers, as bounds a query can use: `min` inclusive (null: no lower bound),
 * `below` exclusive (null: no upper bound). P0 is ≥ 400, P1 200–400, … P4 below 20.
 */
export function priorityBandRange(band: PriorityBand): { min: number | null; below: number | null } {
  const i = PRIORITY_BANDS.findIndex((b) => b.band === band);
  const from = PRIORITY_BANDS[i]?.from ?? Number.NEGATIVE_INFINITY;
  const above = i > 0 ? PRIORITY_BANDS[i - 1]?.from ?? null : null;
  return { min: Number.isFinite(from) ? from : null, below: above };
}
