import { CompiledQuery, PostgresAdapter, sql, type Kysely } from 'kysely';
import { keepPrepared } from '../../db/named-statements.js';
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

/** A row as a look-up found it, with the time that look-up orders by (the case's, or its place row's). */
export type OrderedRow = CandidateRow & { at: string };

/** One caller's cases in the given statuses since a time, newest first (index cases_caller_bidx_created). */
export async function findCallerCases(
  db: Kysely<DB>,
  options: { jurisdictionId: string; phoneBidx: string; since: string; statuses: readonly string[]; limit: number },
): Promise<OrderedRow[]> {
  const statement = kept(`caller|${options.statuses.join(',')}|${options.limit}`, () =>
    preparedQuery<Values, OrderedRow>(['jurisdictionId', 'phoneBidx', 'since'], (db, v) =>
      callerCases(db, { jurisdictionId: v.jurisdictionId as string, phoneBidx: v.phoneBidx as string, since: v.since as string, statuses: options.statuses, limit: options.limit }),
      { fixedPlan: true },
    ),
  );
  return statement.execute(db, { jurisdictionId: options.jurisdictionId, phoneBidx: options.phoneBidx, since: options.since });
}

function callerCases(db: Kysely<DB>, o: { jurisdictionId: string; phoneBidx: string; since: string; statuses: readonly string[]; limit: number }) {
  return db
    .selectFrom('cases')
    .select([...COLUMNS, 'created_at as at'])
    .where('caller_phone_bidx', '=', o.phoneBidx)
    .where('created_at', '>=', o.since)
    .where('jurisdiction_id', '=', o.jurisdictionId)
    .where('status', 'in', [...o.statuses])
    .orderBy('created_at', 'desc')
    .limit(o.limit);
}

/**
 * Unattended intake runs both look-ups for every appeal, always with the same statuses and limit
 * (and one to a few place keys): each shape is compiled once, not built per appeal (issue 13 §2),
 * and planned once on SQLite (fixedPlan, ADR 0071): each is a look-up by its index, whatever the key.
 */
type Values = Record<string, string>;
const statements = new Map<string, PreparedQuery<Values, OrderedRow>>();

function kept(shape: string, make: () => PreparedQuery<Values, OrderedRow>): PreparedQuery<Values, OrderedRow> {
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
 * Unattended intake's two look-ups (the caller's cases, the cases at the contact's place) in one
 * statement when it has both a phone and a place: one round trip of a processed appeal on
 * PostgreSQL (ADR 0079). Each part is the statement findCallerCases or findSamePlaceCases runs
 * (same index, order and limit), as a sub-select, and its rows are returned in the order that
 * statement alone returns them.
 */
export async function findCallerAndPlaceCases(
  db: Kysely<DB>,
  caller: { phoneBidx: string; since: string; limit: number },
  place: { placeBidxs: readonly string[]; since: string; limit: number },
  o: { jurisdictionId: string; statuses: readonly string[] },
): Promise<{ callerRows: OrderedRow[]; placeRows: OrderedRow[] }> {
  const places = place.placeBidxs.map((_, i) => `place${i}`);
  const shape = `${places.length}|${o.statuses.join(',')}|${caller.limit}|${place.limit}`;
  let statement = bothStatements.get(shape);
  if (!statement) {
    statement = preparedQuery<Values, PartRow>(['jurisdictionId', 'phoneBidx', 'callerSince', 'placeSince', ...places], (db, v) => {
      const callerPart = callerCases(db, { jurisdictionId: v.jurisdictionId as string, phoneBidx: v.phoneBidx as string, since: v.callerSince as string, statuses: o.statuses, limit: caller.limit })
        .select(sql<PartRow['part']>`'caller'`.as('part'));
      const placePart = samePlaceCases(db, { jurisdictionId: v.jurisdictionId as string, placeBidxs: places.map((k) => v[k] as string), since: v.placeSince as string, statuses: o.statuses, limit: place.limit })
        .select(sql<PartRow['part']>`'place'`.as('part'));
      return db.selectFrom(callerPart.as('c')).selectAll().unionAll(db.selectFrom(placePart.as('p')).selectAll());
    }, { fixedPlan: true });
    bothStatements.set(shape, statement);
  }
  const values: Values = { jurisdictionId: o.jurisdictionId, phoneBidx: caller.phoneBidx, callerSince: caller.since, placeSince: place.since };
  place.placeBidxs.forEach((key, i) => { values[`place${i}`] = key; });
  const rows = await statement.execute(db, values);
  // A compound select promises no order of its own: each part newest first, as its statement alone returns it.
  return {
    callerRows: rows.filter((r) => r.part === 'caller').sort(newestFirst),
    placeRows: rows.filter((r) => r.part === 'place').sort(newestFirst),
  };
}

/** A row of findCallerAndPlaceCases: which look-up found it, and the time that look-up orders by. */
type PartRow = OrderedRow & { part: 'caller' | 'place' };
const bothStatements = new Map<string, PreparedQuery<Values, PartRow>>();

/**
 * The jurisdiction's cases in the given statuses since a time that share a place key with the
 * contact, newest first (index case_places_lookup_idx, then the case by its key): a handful of
 * rows however many cases are open (ADR 0037). A case sharing two keys comes twice.
 */
export async function findSamePlaceCases(
  db: Kysely<DB>,
  options: { jurisdictionId: string; placeBidxs: readonly string[]; since: string; statuses: readonly string[]; limit: number },
): Promise<OrderedRow[]> {
  const places = options.placeBidxs.map((_, i) => `place${i}`);
  const statement = kept(`place|${places.length}|${options.statuses.join(',')}|${options.limit}`, () =>
    preparedQuery<Values, OrderedRow>(['jurisdictionId', 'since', ...places], (db, v) =>
      samePlaceCases(db, { jurisdictionId: v.jurisdictionId as string, placeBidxs: places.map((k) => v[k] as string), since: v.since as string, statuses: options.statuses, limit: options.limit }),
      { fixedPlan: true },
    ),
  );
  const values: Values = { jurisdictionId: options.jurisdictionId, since: options.since };
  options.placeBidxs.forEach((key, i) => { values[`place${i}`] = key; });
  return statement.execute(db, values);
}

function samePlaceCases(db: Kysely<DB>, o: { jurisdictionId: string; placeBidxs: readonly string[]; since: string; statuses: readonly string[]; limit: number }) {
  return db
    .selectFrom('case_places')
    .innerJoin('cases', 'cases.id', 'case_places.case_id')
    .select([...COLUMNS.map((c) => `cases.${c}` as const), 'case_places.created_at as at'])
    .where('case_places.jurisdiction_id', '=', o.jurisdictionId)
    .where('case_places.place_bidx', 'in', [...o.placeBidxs])
    .where('case_places.created_at', '>=', o.since)
    .where('cases.jurisdiction_id', '=', o.jurisdictionId)
    .where('cases.status', 'in', [...o.statuses])
    .orderBy('case_places.created_at', 'desc')
    .limit(o.limit);
}

/** One appeal's look-ups, as findCallerCases and findSamePlaceCases are given them. */
export interface CandidateLookUps {
  jurisdictionId: string;
  caller: { phoneBidx: string; since: string; limit: number } | null;
  place: { placeBidxs: readonly string[]; since: string; limit: number } | null;
}

/** One appeal's look-ups: one statement when it has both a phone and a place (ADR 0079). */
export async function findCandidateRows(db: Kysely<DB>, l: CandidateLookUps, statuses: readonly string[]): Promise<{ callerRows: OrderedRow[]; placeRows: OrderedRow[] }> {
  const scope = { jurisdictionId: l.jurisdictionId, statuses };
  if (l.caller && l.place) return findCallerAndPlaceCases(db, l.caller, l.place, scope);
  return {
    callerRows: l.caller ? await findCallerCases(db, { ...scope, ...l.caller }) : [],
    placeRows: l.place ? await findSamePlaceCases(db, { ...scope, ...l.place }) : [],
  };
}

/**
 * The look-ups of a drainer batch's appeals, each appeal's rows in the order its own look-ups
 * return them. On PostgreSQL ONE statement for the batch, not one per appeal (ADR 0080): each
 * appeal's caller part and place part is a LATERAL sub-select over the appeals' values, with the
 * same index, filter, order and limit as findCallerCases and findSamePlaceCases, and its rows come
 * back tagged with the appeal's position. SQLite has no round trips to save: one appeal after another.
 */
export async function findCandidateRowsOfMany(
  db: Kysely<DB>,
  lookUps: readonly CandidateLookUps[],
  statuses: readonly string[],
): Promise<Array<{ callerRows: OrderedRow[]; placeRows: OrderedRow[] }>> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    const found: Array<{ callerRows: OrderedRow[]; placeRows: OrderedRow[] }> = [];
    for (const l of lookUps) found.push(await findCandidateRows(db, l, statuses));
    return found;
  }
  const callers = lookUps.flatMap((l, i) => (l.caller ? [{ i, jurisdictionId: l.jurisdictionId, ...l.caller }] : []));
  // One row per appeal and place key: each key is its own index look-up (as `in (…)` is), its
  // rows merged per appeal below, newest first, up to the limit: the same rows as one look-up for all.
  const places = lookUps.flatMap((l, i) => (l.place ? l.place.placeBidxs.map((key) => ({ i, jurisdictionId: l.jurisdictionId, key, since: l.place?.since ?? '', limit: l.place?.limit ?? 0 })) : []));
  if (callers.length === 0 && places.length === 0) return lookUps.map(() => ({ callerRows: [], placeRows: [] }));
  const limitOf = (all: Array<{ limit: number }>): number => {
    const limit = all[0]?.limit ?? 1;
    if (all.some((a) => a.limit !== limit)) throw new Error('candidate look-ups of one batch must share their limits');
    return limit;
  };
  const result = await db.executeQuery<OrderedRow & { part: 'caller' | 'place'; i: number }>(CompiledQuery.raw(MANY_LOOK_UPS, [
    callers.map((c) => c.i), callers.map((c) => c.jurisdictionId), callers.map((c) => c.phoneBidx), callers.map((c) => c.since), [...statuses], limitOf(callers),
    places.map((p) => p.i), places.map((p) => p.jurisdictionId), places.map((p) => p.key), places.map((p) => p.since), limitOf(places),
  ]));
  const found = lookUps.map(() => ({ callerRows: [] as OrderedRow[], placeRows: [] as OrderedRow[] }));
  for (const { part, i, ...row } of result.rows) found[i]?.[part === 'caller' ? 'callerRows' : 'placeRows'].push(row);
  return found.map((f, i) => ({
    callerRows: f.callerRows.sort(newestFirst),
    placeRows: f.placeRows.sort(newestFirst).slice(0, lookUps[i]?.place?.limit ?? 0),
  }));
}

/** The order every look-up returns its rows in. */
export function newestFirst(a: OrderedRow, b: OrderedRow): number {
  return a.at < b.at ? 1 : a.at > b.at ? -1 : 0;
}

// The statuses are the batch's one list; each place part is one key's look-up.
const CANDIDATE_COLUMNS = COLUMNS.map((c) => `cases.${c}`).join(', ');
const MANY_LOOK_UPS = `select c.*, 'caller' as part, q.i from unnest($1::int[], $2::text[], $3::text[], $4::timestamptz[]) as q(i, jurisdiction_id, bidx, since)
cross join lateral (select ${CANDIDATE_COLUMNS}, cases.created_at as at from cases
  where cases.caller_phone_bidx = q.bidx and cases.created_at >= q.since and cases.jurisdiction_id = q.jurisdiction_id and cases.status = any($5::text[])
  order by cases.created_at desc limit $6) c
union all
select p.*, 'place' as part, q.i from unnest($7::int[], $8::text[], $9::text[], $10::timestamptz[]) as q(i, jurisdiction_id, place_bidx, since)
cross join lateral (select ${CANDIDATE_COLUMNS}, case_places.created_at as at from case_places join cases on cases.id = case_places.case_id
  where case_places.jurisdiction_id = q.jurisdiction_id and case_places.place_bidx = q.place_bidx and case_places.created_at >= q.since
    and cases.jurisdiction_id = q.jurisdiction_id and cases.status = any($5::text[])
  order by case_places.created_at desc limit $11) p`;
keepPrepared(MANY_LOOK_UPS);
