import { allowedActions, redactPersonalData, type Satisfaction } from '@openline/core';
import type { CaseRow } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { caseStateOf } from '../cases/case-state.js';
import { insertEvent } from '../cases/repository.js';

/** The event on the parent case's history: its timeline shows each merged caller's verdict. */
export const MERGED_CALLER_RATED = 'merged_caller_rated';

/**
 * Whether the caller of a merged appeal may rate now (issue 12 §7): the parent's reply has gone
 * out (the parent is where a citizen's visit is allowed) and this caller has not rated yet. The
 * parent's own caller rates through the lifecycle's visit; a merged caller's verdict is theirs
 * alone and changes no status.
 */
export function mergedCallerMayRate(own: CaseRow, parent: CaseRow): boolean {
  return own.visit_satisfaction === null && allowedActions(caseStateOf(parent), { roles: [], citizen: true }).includes('visit');
}

/**
 * Records a merged caller's rating on their own (merged) case, once: a conditional update, so two
 * submissions keep one. Their words are redacted like any citizen's comment (ADR 0009). The
 * parent's history gets an event with the verdict. Satisfaction figures count the handled case's
 * own visit only (DESIGN §6 counts cases, not callers); these ratings are for the unit and the
 * supervisors to read.
 */
export async function rateAsMergedCaller(
  ctx: AppContext,
  o: { own: CaseRow; parent: CaseRow; rating: { solved: boolean; satisfaction: Satisfaction; comment?: string | undefined } },
): Promise<void> {
  if (!mergedCallerMayRate(o.own, o.parent)) {
    throw new AppError('ILLEGAL_TRANSITION', o.own.visit_satisfaction === null ? 'The case has not been answered yet' : 'This appeal has already been rated');
  }
  const comment = o.rating.comment ? redactPersonalData(o.rating.comment).redacted : null;
  const at = nowIso();
  await inTransaction(ctx, async (tx) => {
    const r = await tx.db
      .updateTable('cases')
      .set({ visit_solved: o.rating.solved ? 1 : 0, visit_satisfaction: o.rating.satisfaction, visit_comment: comment, visited_at: at })
      .where('jurisdiction_id', '=', o.own.jurisdiction_id)
      .where('id', '=', o.own.id)
      .where('status', '=', 'merged')
      .where('visit_satisfaction', 'is', null)
      .executeTakeFirst();
    if (r.numUpdatedRows !== 1n) throw new AppError('ILLEGAL_TRANSITION', 'This appeal has already been rated');
    await insertEvent(tx.db, {
      caseId: o.parent.id, jurisdictionId: o.parent.jurisdiction_id, type: MERGED_CALLER_RATED, actorKind: 'citizen', actorUserId: null, fromStatus: null, toStatus: null,
      payload: { mergedCaseId: o.own.id, caseNumber: o.own.case_number, solved: o.rating.solved, satisfaction: o.rating.satisfaction, ...(comment ? { comment } : {}) },
      createdAt: at,
    });
  });
}
