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
import { placeBlindIndexes, placeOf } from './places.js';
import { findCallerCases, findCandidateRows, findRecentCases, jurisdictionName, type CandidateRow } from './repository.js';

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
/** Open cases at the contact's building read for unattended intake, newest first (merged ones are not open). */
export const PLACE_CANDIDATES = 200;

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
 * The candidates an unattended channel could apply by itself (ADR 0005, 0037), strongest first:
 * the caller's open cases of the repeat window (attach) and the open cases of the same-incident
 * window at the same building or road number (merge), found through indexes — the caller's blind
 * index and the place index (case_places) — so the cost does not grow with the number of open
 * cases. Each is scored exactly as searchDuplicates scores it; community-level and text-only
 * matches, which only an operator may apply, are not looked for. Inside a unit of work, pass its
 * context: the reads go through its transaction, so appeals of one batch see each other's cases.
 */
export async function findAutoCandidates(ctx: AppContext, search: AutoCandidateSearch): Promise<DuplicateCandidate[]> {
  const prepared = prepareAutoSearch(ctx.pii, search);
  return prepared ? scoreAutoCandidates(ctx, prepared, await readAutoCandidateRows(ctx.db, prepared)) : [];
}

/** What unattended intake looks for candidates with. */
export type AutoCandidateSearch = DuplicateSearch & { jurisdictionName: string };

/** An unattended contact's look-ups, worked out once (no database): its tokens, keys and windows. */
export interface AutoSearch {
  jurisdictionId: string;
  tokens: ReadonlySet<string>;
  phoneBidx: string | null;
  ownPlace: ParsedAddress | null;
  names: readonly string[];
  now: Date;
  /** The caller's open cases since `since`, newest first, at most `limit`. */
  caller: { phoneBidx: string; since: string; limit: number } | null;
  /** The open cases with a place row under one of these keys since `since`, newest first by the row, at most `limit`. */
  place: { placeBidxs: string[]; since: string; limit: number } | null;
}

/** The rows an AutoSearch's look-ups found; `at` is what each look-up orders by, newest first. */
export interface AutoCandidateRows {
  callerRows: Array<CandidateRow & { at: string }>;
  placeRows: Array<CandidateRow & { at: string }>;
}

/** The statuses the look-ups keep (open ones: merged and closed cases take no new reports). */
export const AUTO_CANDIDATE_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter(isOpenStatus);

/** null: the text has no tokens, so nothing can be similar to it. */
export function prepareAutoSearch(pii: AppContext['pii'], search: AutoCandidateSearch): AutoSearch | null {
  const { now } = search;
  const tokens = textTokens(search.content);
  if (tokens.size === 0) return null;
  const phoneBidx = search.phoneE164 ? pii.blindIndex(search.phoneE164) : null;
  const names = [search.jurisdictionName];
  const ownPlace = placeOf({ address: search.address, text: search.content, names });
  const keys = placeBlindIndexes(pii, ownPlace);
  return {
    jurisdictionId: search.jurisdictionId, tokens, phoneBidx, ownPlace, names, now,
    caller: phoneBidx ? { phoneBidx, since: new Date(now.getTime() - REPEAT_WINDOW_MS).toISOString(), limit: CALLER_CANDIDATES } : null,
    place: keys.length > 0 ? { placeBidxs: keys, since: new Date(now.getTime() - SAME_INCIDENT_WINDOW_MS).toISOString(), limit: PLACE_CANDIDATES } : null,
  };
}

/** One AutoSearch's look-ups: one statement when there are both (ADR 0079). */
export function readAutoCandidateRows(db: AppContext['db'], s: AutoSearch): Promise<AutoCandidateRows> {
  return findCandidateRows(db, s, AUTO_CANDIDATE_STATUSES);
}

/** The candidates among an AutoSearch's rows, strongest first (findAutoCandidates without the read). */
export function scoreAutoCandidates(ctx: AppContext, s: AutoSearch, rows: AutoCandidateRows): DuplicateCandidate[] {
  const samePlace = new Set(rows.placeRows.map((r) => r.id));
  const scored = scoreRows([...rows.callerRows, ...rows.placeRows], { tokens: s.tokens, phoneBidx: s.phoneBidx, minSimilarity: s.ownPlace ? MIN_WITH_PLACE : MIN_WITHOUT_PLACE });
  // A shared key is the same address (core placeKeys); other rows (the caller's) are compared as the operator's check compares them.
  return classify(ctx, scored.similar, { ownPlace: s.ownPlace, names: s.names, now: s.now, placeFromText: true, knownSamePlace: samePlace });
}

/**
 * Repeat and same-incident candidates for one contact, strongest first (the same caller's, then
 * the most similar), plus the caller's open cases read on the way: the operator's intake check,
 * which also offers community-level and text-only matches, so it reads the window's newest cases.
 * Reads only; needs no signed-in user.
 */
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
  const scored = scoreRows([...callerRows, ...windowRows], { tokens, phoneBidx, minSimilarity: ownPlace ? MIN_WITH_PLACE : MIN_WITHOUT_PLACE });
  const candidates = classify(ctx, scored.similar, { ownPlace, names, now, placeFromText: search.placeFromText === true, knownSamePlace: new Set() });
  return { candidates, callerCases: scored.callerCases };
}

/** The lowest similarity any classification accepts, with and without a place on the contact's side. */
const MIN_WITH_PLACE = Math.min(THRESHOLDS.sameAddress, THRESHOLDS.sameCommunity, THRESHOLDS.repeat);
const MIN_WITHOUT_PLACE = Math.min(THRESHOLDS.textOnly, THRESHOLDS.repeat);

interface ScoredRow {
  row: CandidateRow;
  similarity: number;
  conflict: boolean;
  sameCaller: boolean;
}

/**
 * Scores each distinct row's text against the contact's (skipping other callers' rows that share
 * no meaningful bigram: they stay far below every threshold), keeps those at or above
 * minSimilarity, the same caller's first, then the most similar. Also lists the caller's rows
 * whatever their score (the operator's check shows them).
 */
function scoreRows(
  rows: readonly CandidateRow[],
  o: { tokens: ReadonlySet<string>; phoneBidx: string | null; minSimilarity: number },
): { similar: ScoredRow[]; callerCases: CallerCase[] } {
  const keys = informativeBigrams(o.tokens);
  const seen = new Set<string>();
  const callerCases: CallerCase[] = [];
  const similar: ScoredRow[] = [];
  for (const row of rows) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    const sameCaller = o.phoneBidx !== null && row.caller_phone_bidx === o.phoneBidx;
    if (!sameCaller && keys.length > 0 && !containsAny(row.content, keys)) continue;
    const rowTokens = textTokens(row.content);
    const similarity = tokenSetSimilarity(o.tokens, rowTokens);
    if (sameCaller) {
      callerCases.push({
        caseId: row.id, caseNumber: row.case_number, status: row.status as CaseStatus, createdAt: new Date(row.created_at).toISOString(), similarity,
        callerProtected: row.caller_protected === 1,
      });
    }
    if (similarity >= o.minSimilarity) similar.push({ row, similarity, conflict: numbersConflict(o.tokens, rowTokens), sameCaller });
  }
  similar.sort((a, b) => Number(b.sameCaller) - Number(a.sameCaller) || b.similarity - a.similarity);
  return { similar, callerCases };
}

/**
 * Compares places (a row in knownSamePlace shares a place key: the same address without
 * unsealing; otherwise only the PLACE_CHECKS most similar rows with an address are unsealed,
 * the costly step) and keeps the rows core classifies as a repeat or the same incident.
 */
function classify(
  ctx: AppContext,
  scored: readonly ScoredRow[],
  o: { ownPlace: ParsedAddress | null; names: readonly string[]; now: Date; placeFromText: boolean; knownSamePlace: ReadonlySet<string> },
): DuplicateCandidate[] {
  const { ownPlace, names, now } = o;
  const found: DuplicateCandidate[] = [];
  let placeChecks = 0;
  for (const { row, similarity, conflict, sameCaller } of scored) {
    let place: PlaceMatch = 'unknown';
    if (o.knownSamePlace.has(row.id)) {
      place = 'address';
    } else if (ownPlace && row.address_enc && placeChecks < PLACE_CHECKS) {
      placeChecks++;
      place = compareAddresses(ownPlace, parseAddress(ctx.pii.decrypt(row.address_enc), names));
    } else if (ownPlace && !row.address_enc && o.placeFromText) {
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
  return found;
}
