import { z } from 'zod';
import { statusCategory, type CaseStatus } from './case-status.js';

/**
 * Co-handling (协办, issue 12 §7): units named beside the lead unit work part of a case. Each
 * records its part on the case — progress notes, and its share of the reply (协办意见) that the
 * lead unit folds into the one answer the citizen gets. The lead unit stays answerable for the
 * case (首接负责); a co-unit's share changes no status and no deadline.
 */
export const CO_HANDLING_KINDS = ['progress', 'share'] as const;
export type CoHandlingKind = (typeof CO_HANDLING_KINDS)[number];

/** The case events a co-unit's records are (the case history is the record). */
export const CO_HANDLING_EVENTS = { progress: 'co_progress_noted', share: 'co_share_given' } as const satisfies Record<CoHandlingKind, string>;

export const CO_HANDLING_TEXT_MAX = 1000;

export const coHandlingInput = z.object({
  kind: z.enum(CO_HANDLING_KINDS).describe('progress: a note on the work; share: the unit\'s part of the reply'),
  text: z.string().trim().min(2).max(CO_HANDLING_TEXT_MAX),
});
export type CoHandlingInput = z.infer<typeof coHandlingInput>;

/**
 * When a co-unit may record its part: while the case is with the departments. Before dispatch
 * nobody works it; once replied, the lead unit's answer has gone to the citizen, and a share
 * written then would reach no one — the co-unit tells the lead unit, which may reopen through
 * the hotline.
 */
export type CoHandlingRefusal = 'NOT_WITH_DEPARTMENT';

export function coHandlingRefusal(status: CaseStatus): CoHandlingRefusal | null {
  return statusCategory(status) === 'with_department' ? null : 'NOT_WITH_DEPARTMENT';
}

// The view's shapes (CoHandlingNote, CoUnitPart, CoHandlingView) are API schemas: ./api/co-handling.ts.
