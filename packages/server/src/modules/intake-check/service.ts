import { CASE_STATUSES, normalizePhone, type SameIncidentReason } from '@openline/core';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import type { SessionUser } from '../auth/service.js';
import { canRecordIntake } from '../cases/policy.js';
import { findDuplicateCandidates, type DuplicateCandidate } from './candidates.js';

export const MAX_REPEATS = 5;
export const MAX_SAME_INCIDENT = 10;

export const intakeCheckInput = z.object({
  content: z.string().trim().min(2).max(4000),
  callerPhone: z.string().trim().min(1).refine((v) => normalizePhone(v).ok, { message: 'invalid phone number' }).optional(),
  address: z.string().trim().max(500).optional(),
});
export type IntakeCheckInput = z.infer<typeof intakeCheckInput>;

const candidate = {
  caseId: z.string(),
  caseNumber: z.string(),
  status: z.enum(CASE_STATUSES),
  similarity: z.number(),
  createdAt: z.string(),
};
export const intakeCheckResult = z.object({
  repeats: z.array(z.object(candidate)),
  sameIncident: z.array(z.object({ ...candidate, reason: z.enum(['address', 'community', 'text']) })),
});
export type IntakeCheckResult = z.infer<typeof intakeCheckResult>;

type Candidate = IntakeCheckResult['repeats'][number];

const present = (c: DuplicateCandidate): Candidate => ({
  caseId: c.caseId,
  caseNumber: c.caseNumber,
  status: c.status,
  similarity: Math.round(c.facts.textSimilarity * 1000) / 1000,
  createdAt: c.createdAt,
});

/**
 * While an operator takes a contact: is it a repeat of the caller's open case (attach the
 * contact, tell the caller its status), or the same incident as a recent case (suggest merging)?
 * Suggestions only; nothing is written. Operators and admins, within their jurisdiction.
 */
export async function checkIntake(
  ctx: AppContext,
  options: { user: SessionUser; input: IntakeCheckInput; now?: Date },
): Promise<IntakeCheckResult> {
  const { user, input } = options;
  if (!canRecordIntake(user)) throw new AppError('FORBIDDEN', 'Only operators check intake');
  let phoneE164: string | undefined;
  if (input.callerPhone) {
    const phone = normalizePhone(input.callerPhone);
    if (!phone.ok) throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'callerPhone', message: 'invalid phone number' }]);
    phoneE164 = phone.e164;
  }
  const found = await findDuplicateCandidates(ctx, {
    jurisdictionId: user.jurisdictionId,
    content: input.content,
    phoneE164,
    address: input.address,
    now: options.now ?? new Date(),
  });

  const repeats: Candidate[] = [];
  const sameIncident: Array<Candidate & { reason: SameIncidentReason }> = [];
  for (const c of found) {
    if (c.classification.kind === 'repeat') repeats.push(present(c));
    else if (c.classification.reason) sameIncident.push({ ...present(c), reason: c.classification.reason });
  }
  const bySimilarity = (a: Candidate, b: Candidate): number => b.similarity - a.similarity || b.createdAt.localeCompare(a.createdAt);
  return {
    repeats: repeats.sort(bySimilarity).slice(0, MAX_REPEATS),
    sameIncident: sameIncident.sort(bySimilarity).slice(0, MAX_SAME_INCIDENT),
  };
}
