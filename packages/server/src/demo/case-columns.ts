import type { CaseType, Urgency } from '@openline/core';
import type { Transaction, Updateable } from 'kysely';
import type { CaseTable, DB } from '../db/schema.js';
import { nowIso } from '../lib/ids.js';
import { applyDeadlineChange } from '../modules/cases/deadline-changes.js';
import type { Jurisdiction } from '../modules/jurisdictions/repository.js';
import { markResolveOverdue } from './repository.js';

/** What the lifecycle service would have written for one replayed event: columns and deadlines. */
export interface ReplayState {
  set: Updateable<CaseTable>;
  bounceCount: number;
}

/**
 * Replays one demo event the way the status machine's changes are applied live (case columns
 * and deadline rows), so demo cases have deadlines, countdowns and overdue work to show. Kept
 * next to the demo because it replays finished history rather than deciding anything.
 */
export async function replayStep(
  trx: Transaction<DB>,
  options: {
    jurisdiction: Jurisdiction;
    caseId: string;
    caseType: CaseType;
    urgency: Urgency;
    leadUnitId: string | null;
    step: { type: string; at: Date; payload: Record<string, unknown>; reason: string | null };
    state: ReplayState;
  },
): Promise<void> {
  const { step, state } = options;
  const at = nowIso(step.at);
  const deadline = (change: Parameters<typeof applyDeadlineChange>[1]['change'], met?: 'accept' | 'contact' | 'resolve') =>
    applyDeadlineChange(trx, {
      jurisdiction: options.jurisdiction, caseId: options.caseId, caseType: options.caseType, urgency: options.urgency,
      leadUnitId: options.leadUnitId, change, met, at: step.at,
    });
  switch (step.type) {
    case 'dispatched':
    case 'arbitrated':
    case 'reopened':
      Object.assign(state.set, { dispatched_at: at, contacted_at: null, awaiting_arbitration: 0 });
      return deadline({ kind: 'start' });
    case 'accepted':
      return deadline(undefined, 'accept');
    case 'contacted':
      state.set.contacted_at = at;
      return deadline(undefined, 'contact');
    case 'replied':
      Object.assign(state.set, { replied_at: at, reply_text: typeof step.payload.text === 'string' ? step.payload.text : null });
      return deadline(undefined, 'resolve');
    case 'returned':
      state.bounceCount += 1;
      Object.assign(state.set, { bounce_count: state.bounceCount, awaiting_arbitration: state.bounceCount >= 2 ? 1 : 0 });
      return deadline({ kind: 'stop' });
    case 'visited':
      Object.assign(state.set, {
        visited_at: at,
        visit_solved: step.payload.solved === true ? 1 : 0,
        visit_satisfaction: typeof step.payload.satisfaction === 'string' ? step.payload.satisfaction : null,
      });
      return;
    case 'answered_directly':
      Object.assign(state.set, { closed_at: at, closed_at_intake: 1 });
      return deadline({ kind: 'stop' });
    case 'closed':
      state.set.closed_at = at;
      return deadline({ kind: 'stop' });
    case 'merged':
      if (typeof step.payload.parentId === 'string') state.set.parent_id = step.payload.parentId;
      return deadline({ kind: 'stop' });
    case 'deadline_overdue':
      // As the sweep marks it, so the worker's first sweep does not report the same miss again.
      return markResolveOverdue(trx, options.caseId, at);
    case 'invalidated':
      state.set.invalid_reason = step.reason;
      return deadline({ kind: 'stop' });
    default:
      return;
  }
}
