import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { preparedQuery, type PreparedQuery } from '../../lib/prepared-query.js';

export interface CandidateRow {
  id: string;
  case_number: string;
  status: string;
  content: string;
  address_enc: string | null;
  caller_phone_bidx: string | null;
  line_id: string | null;
  /** 1: a protected tip-line reporter's case (ADR 0006). */
  caller_protected: number;
  created_at: string;
}

const COLUMNS = ['id', 'case_number', 'status', 'content', 'address_enc', 'caller_phone_bidx', 'line_id', 'caller_protected', 'created_at'] as const;

/** One caller's cases in the given statuses since a time, newest first (index cases_caller_bidx_created). */
export async function findCallerCases(
  db: Kysely<DB>,
  options: { jurisdictionId: string; phoneBidx: string; since: string; statuses: readonly string[]; limit: number },
): Promise<CandidateRow[]> {
  const statement = kept(`caller|${options.statuses.join(',')}|${options.limit}`, () =>
    preparedQuery<Values, CandidateRow>(['jurisdictionId', 'phoneBidx', 'since'], (db, v) =>
      db
        .selectFrom('cases')
        .select(COLUMNS)
        .where('caller_phone_bidx', '=', v.phoneBidx as string)
        .where('created_at', '>=', v.since as string)
        .where('jurisdiction_id', '=', v.jurisdictionId as string)
        .where('status', 'in', [...options.statuses])
        .orderBy('created_at', 'desc')
        .limit(options.limit),
      { fixedPlan: true },
    ),
  );
  return statement.execute(db, { jurisdictionId: options.jurisdictionId, phoneBidx: options.phoneBidx, since: options.since });
}

/**
 * Unattended intake runs both look-ups for every appeal, always with the same statuses and limit
 * (and one to a few place keys): each shape is compiled once, not built per appeal (issue 13 §2),
 * and planned once on SQLite (fixedPlan, ADR 0071): each is a look-up by its index, whatever the key.
 */
type Values = Record<string, string>;
const statements = new Map<string, PreparedQuery<Values, CandidateRow>>();

function kept(shape: string, make: () => PreparedQuery<Values, CandidateRow>): PreparedQuery<Values, CandidateRow> {
  let s = statements.get(shape);
  if (!s) {
    s = make();
    statements.set(shape, s);
  }
  return s;
}

/** The jurisdiction's newest cases since a time, but not in the excluded statuses (index cases_jurisdiction_created). */
export async function findRecentCases(
  db: Kysely<DB>,
  options: { jurisdictionId: string; since: string; excludeStatuses: readonly string[]; limit: number },
): Promise<CandidateRow[]> {
  return db
    .selectFrom('cases')
    .select(COLUMNS)
    .where('jurisdiction_id', '=', options.jurisdictionId)
    .where('created_at', '>=', options.since)
    .where('status', 'not in', [...options.excludeStatuses])
    .orderBy('created_at', 'desc')
    .limit(options.limit)
    .execute() as Promise<CandidateRow[]>;
}

export async function jurisdictionName(db: Kysely<DB>, jurisdictionId: string): Promise<string | null> {
  const row = await db.selectFrom('jurisdictions').select('name').where('id', '=', jurisdictionId).executeTakeFirst();
  return row?.name ?? null;
}

/**
 * The jurisdiction's cases in the given statuses since a time that share a place key with the
 * contact, newest first (index case_places_lookup_idx, then the case by its key): a handful of
 * rows however many cases are open (ADR 0037). A case sharing two keys comes twice.
 */
export async function findSamePlaceCases(
  db: Kysely<DB>,
  options: { jurisdictionId: string; placeBidxs: readonly string[]; since: string; statuses: readonly string[]; limit: number },
): Promise<CandidateRow[]> {
  const places = options.placeBidxs.map((_, i) => `place${i}`);
  const statement = kept(`place|${places.length}|${options.statuses.join(',')}|${options.limit}`, () =>
    preparedQuery<Values, CandidateRow>(['jurisdictionId', 'since', ...places], (db, v) =>
      db
        .selectFrom('case_places')
        .innerJoin('cases', 'cases.id', 'case_places.case_id')
        .select(COLUMNS.map((c) => `cases.${c}` as const))
        .where('case_places.jurisdiction_id', '=', v.jurisdictionId as string)
        .where('case_places.place_bidx', 'in', places.map((k) => v[k] as string))
        .where('case_places.created_at', '>=', v.since as string)
        .where('cases.jurisdiction_id', '=', v.jurisdictionId as string)
        .where('cases.status', 'in', [...options.statuses])
        .orderBy('case_places.created_at', 'desc')
        .limit(options.limit),
      { fixedPlan: true },
    ),
  );
  const values: Values = { jurisdictionId: options.jurisdictionId, since: options.since };
  options.placeBidxs.forEach((key, i) => { values[`place${i}`] = key; });
  return statement.execute(db, values);
}
