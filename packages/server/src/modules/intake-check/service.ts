import {
  CASE_STATUSES,
  REPEAT_WINDOW_MS,
  SAME_INCIDENT_WINDOW_MS,
  THRESHOLDS,
  classifyCandidateWithReason,
  compareAddresses,
  containsAny,
  informativeBigrams,
  isOpenStatus,
  normalizePhone,
  numbersConflict,
  parseAddress,
  textTokens,
  tokenSetSimilarity,
  type CaseStatus,
  type ParsedAddress,
  type PlaceMatch,
  type SameIncidentReason,
} from '@openline/core';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import type { SessionUser } from '../auth/service.js';
import { canRecordIntake } from '../cases/policy.js';
import { findCallerCases, findRecentCases, jurisdictionName, type CandidateRow } from './repository.js';

/**
 * Bounds that keep the check fast at a million cases: a caller's open cases of the last 90 days
 * (newest first) and the jurisdiction's cases of the same-incident window (newest first), each
 * read through an index and capped; scoring is pure (core/similarity) over at most
 * CALLER_CANDIDATES + WINDOW_CANDIDATES texts (those sharing no meaningful bigram with the
 * contact are skipped before tokenizing). Addresses are sealed, so only the PLACE_CHECKS most
 * similar candidates above the lowest threshold are unsealed and compared.
 */
export const CALLER_CANDIDATES = 50;
export const WINDOW_CANDIDATES = 2000;
/** Candidates whose sealed address is unsealed and compared, most similar first. */
export const PLACE_CHECKS = 100;
export const MAX_REPEATS = 5;
export const MAX_SAME_INCIDENT = 10;

const OPEN_STATUSES = CASE_STATUSES.filter(isOpenStatus);
/** Merged and invalid cases cannot become a merge parent. */
const NOT_MERGEABLE = CASE_STATUSES.filter((s) => s === 'merged' || s === 'invalid');

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

const present = (row: CandidateRow, similarity: number): Candidate => ({
  caseId: row.id,
  caseNumber: row.case_number,
  status: row.status as CaseStatus,
  similarity: Math.round(similarity * 1000) / 1000,
  createdAt: new Date(row.created_at).toISOString(),
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
  const now = options.now ?? new Date();
  const tokens = textTokens(input.content);
  if (tokens.size === 0) return { repeats: [], sameIncident: [] };

  let phoneBidx: string | null = null;
  if (input.callerPhone) {
    const phone = normalizePhone(input.callerPhone);
    if (!phone.ok) throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'callerPhone', message: 'invalid phone number' }]);
    phoneBidx = ctx.pii.blindIndex(phone.e164);
  }

  const [callerRows, windowRows, name] = await Promise.all([
    phoneBidx
      ? findCallerCases(ctx.db, {
          jurisdictionId: user.jurisdictionId,
          phoneBidx,
          since: new Date(now.getTime() - REPEAT_WINDOW_MS).toISOString(),
          statuses: OPEN_STATUSES,
          limit: CALLER_CANDIDATES,
        })
      : Promise.resolve([]),
    findRecentCases(ctx.db, {
      jurisdictionId: user.jurisdictionId,
      since: new Date(now.getTime() - SAME_INCIDENT_WINDOW_MS).toISOString(),
      excludeStatuses: NOT_MERGEABLE,
      limit: WINDOW_CANDIDATES,
    }),
    input.address ? jurisdictionName(ctx.db, user.jurisdictionId) : Promise.resolve(null),
  ]);

  const names = name ? [name] : [];
  const ownPlace: ParsedAddress | null = input.address ? parseAddress(input.address, names) : null;
  const minSameIncident = ownPlace ? Math.min(THRESHOLDS.sameAddress, THRESHOLDS.sameCommunity) : THRESHOLDS.textOnly;
  const minAny = Math.min(minSameIncident, THRESHOLDS.repeat);

  // Score every candidate's text (skipping those that share no meaningful bigram), then compare
  // places only for the PLACE_CHECKS most similar: unsealing is the costly step.
  const keys = informativeBigrams(tokens);
  const seen = new Set<string>();
  const scored: Array<{ row: CandidateRow; similarity: number; conflict: boolean; sameCaller: boolean }> = [];
  for (const row of [...callerRows, ...windowRows]) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    const sameCaller = phoneBidx !== null && row.caller_phone_bidx === phoneBidx;
    if (!sameCaller && keys.length > 0 && !containsAny(row.content, keys)) continue;
    const rowTokens = textTokens(row.content);
    const similarity = tokenSetSimilarity(tokens, rowTokens);
    if (similarity >= minAny) scored.push({ row, similarity, conflict: numbersConflict(tokens, rowTokens), sameCaller });
  }
  scored.sort((a, b) => Number(b.sameCaller) - Number(a.sameCaller) || b.similarity - a.similarity);

  const repeats: Candidate[] = [];
  const sameIncident: Array<Candidate & { reason: SameIncidentReason }> = [];
  let placeChecks = 0;
  for (const { row, similarity, conflict, sameCaller } of scored) {
    let place: PlaceMatch = 'unknown';
    if (ownPlace && row.address_enc && placeChecks < PLACE_CHECKS) {
      placeChecks++;
      place = compareAddresses(ownPlace, parseAddress(ctx.pii.decrypt(row.address_enc), names));
    }
    const decision = classifyCandidateWithReason({
      textSimilarity: similarity,
      sameCaller,
      place,
      ageMs: now.getTime() - new Date(row.created_at).getTime(),
      candidateOpen: isOpenStatus(row.status as CaseStatus),
      numbersConflict: conflict,
    });
    if (decision?.kind === 'repeat') repeats.push(present(row, similarity));
    else if (decision?.kind === 'same_incident' && decision.reason) sameIncident.push({ ...present(row, similarity), reason: decision.reason });
  }
  const bySimilarity = (a: Candidate, b: Candidate): number => b.similarity - a.similarity || b.createdAt.localeCompare(a.createdAt);
  return {
    repeats: repeats.sort(bySimilarity).slice(0, MAX_REPEATS),
    sameIncident: sameIncident.sort(bySimilarity).slice(0, MAX_SAME_INCIDENT),
  };
}
