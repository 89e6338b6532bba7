import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { assertChoosableCategory } from '../categories/service.js';
import { canViewCase } from './policy.js';
import { findCaseForAccess, insertEvent, type CaseAccessRow } from './repository.js';
import { updateCaseAtVersion } from './transition-repository.js';

/** Who corrects a case's category: those who take cases in and those who check them (not departments). */
const CATEGORY_ROLES = ['operator', 'supervisor', 'admin'] as const;

/** Whether this user may change this case's category. */
export function canEditCaseCategory(user: SessionUser, row: CaseAccessRow): boolean {
  return canViewCase(user, row) && user.roles.some((r) => (CATEGORY_ROLES as readonly string[]).includes(r));
}

/**
 * Staff set or correct a case's category (诉求分类) at any point: the case row, its event
 * (before → after) and the audit entry commit together, and the next figures pass moves the
 * case's cells to the new category. The row version serialises two editors; the loser gets
 * CONFLICT. Setting the category it already has records nothing.
 */
export async function setCaseCategory(
  ctx: AppContext,
  options: { user: SessionUser; caseId: string; categoryId: string | null; ip: string },
): Promise<void> {
  const { user } = options;
  await inTransaction(ctx, async ({ db: trx }) => {
    const row = await findCaseForAccess(trx, user.jurisdictionId, options.caseId);
    if (!row || !canViewCase(user, row)) throw new AppError('CASE_NOT_FOUND', 'No such case, or not visible to you');
    if (!canEditCaseCategory(user, row)) throw new AppError('FORBIDDEN', 'Your role may not change the category');
    const before = row.category_id;
    if (before === options.categoryId) return;
    await assertChoosableCategory(trx, row.jurisdiction_id, options.categoryId, 'categoryId');
    const at = nowIso();
    if (!(await updateCaseAtVersion(trx, row, { updated_at: at, category_id: options.categoryId }))) {
      throw new AppError('CONFLICT', 'The case was changed by someone else; reload and try again');
    }
    await insertEvent(trx, {
      caseId: row.id, jurisdictionId: row.jurisdiction_id, type: 'category_changed', actorKind: 'staff', actorUserId: user.id, fromStatus: null, toStatus: null,
      payload: { before, after: options.categoryId }, createdAt: at,
    });
    await appendAudit(trx, {
      jurisdictionId: row.jurisdiction_id, actorUserId: user.id, action: 'case.category', targetType: 'case', targetId: row.id,
      ip: options.ip, detail: { before, after: options.categoryId },
    });
  });
}
