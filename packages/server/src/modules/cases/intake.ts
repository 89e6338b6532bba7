import { normalizePhone, type StaffIntakeInput } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { assertReferences } from '../../lib/references.js';
import type { SessionUser } from '../auth/service.js';
import { assertChoosableCategory } from '../categories/service.js';
import { findJurisdiction } from '../jurisdictions/repository.js';
import { openCase } from './open-case.js';
import { canRecordIntake } from './policy.js';

/** An operator turns a call (or message) into a case: operator intake, DESIGN §4 "received". */
export async function recordIntake(
  ctx: AppContext,
  options: { user: SessionUser; input: StaffIntakeInput },
): Promise<{ id: string; caseNumber: string }> {
  const { user, input } = options;
  if (!canRecordIntake(user)) throw new AppError('FORBIDDEN', 'Only operators record new cases');
  const jurisdiction = await findJurisdiction(ctx.db, user.jurisdictionId);
  if (!jurisdiction) throw new AppError('NOT_CONFIGURED', 'Your jurisdiction no longer exists');
  await assertReferences(ctx.db, jurisdiction.id, [{ kind: 'line', path: 'lineId', id: input.lineId }]);
  await assertChoosableCategory(ctx.db, jurisdiction.id, input.categoryId, 'categoryId');
  const phone = normalizePhone(input.callerPhone);
  if (!phone.ok) {
    throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'callerPhone', message: 'invalid phone number' }]);
  }
  const opened = await openCase(ctx, {
    jurisdiction,
    channel: input.channel,
    type: input.type,
    urgency: input.urgency,
    content: input.content,
    callerName: input.callerName,
    callerPhone: phone.e164,
    address: input.address || undefined,
    callerIdNumber: input.callerIdNumber,
    lineId: input.lineId ?? null,
    categoryId: input.categoryId ?? null,
    vulnerabilities: input.vulnerabilities,
    actor: { kind: 'staff', userId: user.id },
  });
  return { id: opened.id, caseNumber: opened.caseNumber };
}
