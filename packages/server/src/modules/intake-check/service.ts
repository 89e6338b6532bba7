import { mayKnowProtectedCaller, normalizePhone, type IntakeCheckResult, type SameIncidentReason } from '@openline/core';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import type { SessionUser } from '../auth/service.js';
import { canRecordIntake } from '../cases/policy.js';
import { searchDuplicates, type DuplicateCandidate } from './candidates.js';

export const MAX_REPEATS = 5;
export const MAX_SAME_INCIDENT = 10;
/** The caller's other open cases shown beside the repeats. */
export const MAX_CALLER_OPEN = 5;

export const intakeCheckInput = z.object({
  content: z.string().trim().min(2).max(4000),
  callerPhone: z.string().trim().min(1).refine((v) => normalizePhone(v).ok, { message: 'invalid phone number' }).optional(),
  address: z.string().trim().max(500).optional(),
});
export type IntakeCheckInput = z.infer<typeof intakeCheckInput>;


type Candidate = IntakeCheckResult['repeats'][number];

const round = (similarity: number): number => Math.round(similarity * 1000) / 1000;

const present = (c: DuplicateCandidate): Candidate => ({
  caseId: c.caseId,
  caseNumber: c.caseNumber,
  status: c.status,
  similarity: round(c.facts.textSimilarity),
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
  const all = await searchDuplicates(ctx, {
    jurisdictionId: user.jurisdictionId, content: input.content, phoneE164, address: input.address, now: options.now ?? new Date(),
  });
  // A typed phone or address matched to a tip case would tell who reported it: only those who
  // may know protected reporters see such cases here (ADR 0006); for others they do not exist.
  const mayLink = mayKnowProtectedCaller(user);
  const found = all.candidates.filter((c) => mayLink || !c.callerProtected);
  const callerCases = all.callerCases.filter((c) => mayLink || !c.callerProtected);

  const repeats: Candidate[] = [];
  const sameIncident: Array<Candidate & { reason: SameIncidentReason }> = [];
  for (const c of found) {
    if (c.classification.kind === 'repeat') repeats.push(present(c));
    else if (c.classification.reason) sameIncident.push({ ...present(c), reason: c.classification.reason });
  }
  const bySimilarity = (a: Candidate, b: Candidate): number => b.similarity - a.similarity || b.createdAt.localeCompare(a.createdAt);
  // A caller's follow-up often shares few words with the first report (暖气还是不热 after 暖气不热
  // 室温只有十几度), so the held-out pairs found only a quarter of repeats by text (docs/benchmarks.md).
  // The caller's other open cases are listed as well, as a hotline's caller history would be; the
  // operator, who can ask, decides.
  const shownRepeats = repeats.sort(bySimilarity).slice(0, MAX_REPEATS);
  const listed = new Set(shownRepeats.map((r) => r.caseId));
  const callerOpen = callerCases
    .filter((c) => !listed.has(c.caseId))
    .slice(0, MAX_CALLER_OPEN)
    .map((c) => ({ caseId: c.caseId, caseNumber: c.caseNumber, status: c.status, createdAt: c.createdAt, similarity: round(c.similarity) }));
  return {
    repeats: shownRepeats,
    callerOpen,
    sameIncident: sameIncident.sort(bySimilarity).slice(0, MAX_SAME_INCIDENT),
  };
}
