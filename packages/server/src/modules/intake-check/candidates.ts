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
  numbersConflict,
  parseAddress,
  textTokens,
  tokenSetSimilarity,
  type CandidateFacts,
  type CaseStatus,
  type Classification,
  type ParsedAddress,
  type PlaceMatch,
} from '@openline/core';
import type { AppContext } from '../../lib/app-context.js';
import { placeFromText } from './place.js';
import { findCallerCases, findRecentCases, jurisdictionName, type CandidateRow } from './repository.js';

/**
 * Bounds that keep the search fast at a million cases: a caller's open cases of the last 90 days
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

const OPEN_STATUSES = CASE_STATUSES.filter(isOpenStatus);
/** Merged and invalid cases cannot become a merge parent. */
const NOT_MERGEABLE = CASE_STATUSES.filter((s) => s === 'merged' || s === 'invalid');

export interface DuplicateSearch {
  jurisdictionId: string;
  content: string;
  /** E.164, already validated. */
  phoneE164?: string | undefined;
  address?: string | undefined;
  now: Date;
  /**
   * Unattended channels have no operator to type an address: where a side has none, read the
   * place from its text (place.ts). The operator's check keeps to typed addresses.
   */
  placeFromText?: boolean;
}

/** An existing case that is a repeat or the same incident, with the facts that made it one. */
export interface DuplicateCandidate {
  caseId: string;
  caseNumber: string;
  status: CaseStatus;
  /** ISO-8601. */
  createdAt: string;
  lineId: string | null;
  /** The case's caller is a protected tip-line reporter: linking a phone to it identifies them. */
  callerProtected: boolean;
  facts: CandidateFacts;
  classification: Classification;
}

/** One of the caller's open cases, with how similar its text is to the contact's. */
export interface CallerCase {
  caseId: string;
  caseNumber: string;
  status: CaseStatus;
  /** ISO-8601. */
  createdAt: string;
  similarity: number;
  callerProtected: boolean;
}

export interface DuplicateSearchResult {
  /** Repeats and same-incident cases, strongest first. */
  candidates: DuplicateCandidate[];
  /** Every open case of the caller in the repeat window, newest first, however it is worded. */
  callerCases: CallerCase[];
}

/**
 * Repeat and same-incident candidates for one contact, strongest first (the same caller's, then
 * the most similar). Reads only; needs no signed-in user, so the operator's check and unattended
 * intake share it. Inside a unit of work, pass its context: the reads go through its transaction.
 */
export async function findDuplicateCandidates(ctx: AppContext, search: DuplicateSearch): Promise<DuplicateCandidate[]> {
  return (await searchDuplicates(ctx, search)).candidates;
}

/** As findDuplicateCandidates, plus the caller's open cases read on the way (the operator's check lists them). */
export async function searchDuplicates(ctx: AppContext, search: DuplicateSearch): Promise<DuplicateSearchResult> {
  const { db } = ctx;
  const { now } = search;
  const tokens = textTokens(search.content);
  if (tokens.size === 0) return { candidates: [], callerCases: [] };
  const phoneBidx = search.phoneE164 ? ctx.pii.blindIndex(search.phoneE164) : null;

  const [callerRows, windowRows, name] = await Promise.all([
    phoneBidx
      ? findCallerCases(db, {
          jurisdictionId: search.jurisdictionId,
          phoneBidx,
          since: new Date(now.getTime() - REPEAT_WINDOW_MS).toISOString(),
          statuses: OPEN_STATUSES,
          limit: CALLER_CANDIDATES,
        })
      : Promise.resolve([]),
    findRecentCases(db, {
      jurisdictionId: search.jurisdictionId,
      since: new Date(now.getTime() - SAME_INCIDENT_WINDOW_MS).toISOString(),
      excludeStatuses: NOT_MERGEABLE,
      limit: WINDOW_CANDIDATES,
    }),
    search.address || search.placeFromText ? jurisdictionName(db, search.jurisdictionId) : Promise.resolve(null),
  ]);

  const names = name ? [name] : [];
  const ownPlace: ParsedAddress | null = search.address
    ? parseAddress(search.address, names)
    : search.placeFromText
      ? placeFromText(search.content, names)
      : null;
  const minSameIncident = ownPlace ? Math.min(THRESHOLDS.sameAddress, THRESHOLDS.sameCommunity) : THRESHOLDS.textOnly;
  const minAny = Math.min(minSameIncident, THRESHOLDS.repeat);

  // Score every candidate's text (skipping those that share no meaningful bigram), then compare
  // places only for the PLACE_CHECKS most similar: unsealing is the costly step.
  const keys = informativeBigrams(tokens);
  const seen = new Set<string>();
  const callerCases: CallerCase[] = [];
  const scored: Array<{ row: CandidateRow; similarity: number; conflict: boolean; sameCaller: boolean }> = [];
  for (const row of [...callerRows, ...windowRows]) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    const sameCaller = phoneBidx !== null && row.caller_phone_bidx === phoneBidx;
    if (!sameCaller && keys.length > 0 && !containsAny(row.content, keys)) continue;
    const rowTokens = textTokens(row.content);
    const similarity = tokenSetSimilarity(tokens, rowTokens);
    if (sameCaller) {
      callerCases.push({
        caseId: row.id, caseNumber: row.case_number, status: row.status as CaseStatus, createdAt: new Date(row.created_at).toISOString(), similarity,
        callerProtected: row.caller_protected === 1,
      });
    }
    if (similarity >= minAny) scored.push({ row, similarity, conflict: numbersConflict(tokens, rowTokens), sameCaller });
  }
  scored.sort((a, b) => Number(b.sameCaller) - Number(a.sameCaller) || b.similarity - a.similarity);

  const found: DuplicateCandidate[] = [];
  let placeChecks = 0;
  for (const { row, similarity, conflict, sameCaller } of scored) {
    let place: PlaceMatch = 'unknown';
    if (ownPlace && row.address_enc && placeChecks < PLACE_CHECKS) {
      placeChecks++;
      place = compareAddresses(ownPlace, parseAddress(ctx.pii.decrypt(row.address_enc), names));
    } else if (ownPlace && !row.address_enc && search.placeFromText) {
      place = compareAddresses(ownPlace, placeFromText(row.content, names));
    }
    const status = row.status as CaseStatus;
    const facts: CandidateFacts = {
      textSimilarity: similarity,
      sameCaller,
      place,
      ageMs: now.getTime() - new Date(row.created_at).getTime(),
      candidateOpen: isOpenStatus(status),
      numbersConflict: conflict,
    };
    const classification = classifyCandidateWithReason(facts);
    if (!classification) continue;
    found.push({
      caseId: row.id,
      caseNumber: row.case_number,
      status,
      createdAt: new Date(row.created_at).toISOString(),
      lineId: row.line_id,
      callerProtected: row.caller_protected === 1,
      facts,
      classification,
    });
  }
  return { candidates: found, callerCases };
}
