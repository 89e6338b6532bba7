import { normalizePhone, normalizeTrackingCode, type CaseStatus, type PublicAppealInput } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { findDefaultJurisdiction } from '../jurisdictions/repository.js';
import { openCase, type OpenedCase } from '../cases/open-case.js';
import { findCaseByTrackingHash } from '../cases/repository.js';
import { hashTrackingCode } from '../cases/tracking.js';

/** A citizen's appeal from the public web form becomes a case at once (status received). */
export async function submitPublicAppeal(ctx: AppContext, input: PublicAppealInput): Promise<OpenedCase> {
  const jurisdiction = await findDefaultJurisdiction(ctx.db);
  if (!jurisdiction) throw new AppError('NOT_CONFIGURED', 'No jurisdiction is set up yet');
  const phone = normalizePhone(input.phone);
  if (!phone.ok) {
    throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'phone', message: 'invalid phone number' }]);
  }
  return openCase(ctx, {
    jurisdiction,
    channel: 'web',
    // The citizen does not classify the appeal; the operator retypes it at triage.
    type: 'help',
    urgency: 'normal',
    content: input.content,
    callerName: input.name,
    callerPhone: phone.e164,
    address: input.address || undefined,
    actor: { kind: 'citizen' },
  });
}

export interface TrackedAppeal {
  caseNumber: string;
  status: CaseStatus;
  createdAt: string;
}

export async function trackAppeal(ctx: AppContext, rawCode: string): Promise<TrackedAppeal> {
  const code = normalizeTrackingCode(rawCode);
  const row = code ? await findCaseByTrackingHash(ctx.db, hashTrackingCode(code)) : undefined;
  // One answer for malformed and unknown codes: nothing to learn by probing.
  if (!row) throw new AppError('APPEAL_NOT_FOUND', 'No appeal has this tracking code');
  return { caseNumber: row.case_number, status: row.status as CaseStatus, createdAt: row.created_at };
}
