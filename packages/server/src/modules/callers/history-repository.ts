import { CASE_STATUSES, isOpenStatus } from '@openline/core';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import { jsonArrayFrom as pgJsonArrayFrom, jsonObjectFrom as pgJsonObjectFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom, jsonObjectFrom as sqliteJsonObjectFrom } from 'kysely/helpers/sqlite';
import type { Dialect } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { preparedQuery, type PreparedQuery } from '../../lib/prepared-query.js';

/** Which of a caller's records a viewer may be shown (ADR 0006, ADR 0020). */
export interface HistoryScope {
  jurisdictionId: string;
  bidx: string;
  /** Tip-line cases and contacts count only for a viewer who may know reporters. */
  includeProtected: boolean;
  /** Only what came in on this line (a direct line's owner sees the caller's history with their line). */
  lineId?: string;
}

/** Read at most this many of a caller's cases: a caller with hundreds still answers at once. */
export const HISTORY_CASE_LIMIT = 50;

/** How much the screen shows (core HISTORY_LIMITS) and where the 30-day counts stop (core HISTORY_COUNT_CAP). */
export interface HistoryLimits { openCases: number; closedCases: number; contacts: number; counts: number }

/** The statement's values; the shape (tip filter, line, limits) picks the statement. */
type Values = { jurisdictionId: string; bidx: string; since: string; callsBefore: string; lineId: string };
type Shape = { includeProtected: boolean; byLine: boolean; dialect: Dialect; limits: HistoryLimits };

/** Statuses shown among the open cases (core isOpenStatus); every other status is a finished case. */
const OPEN_STATUSES = CASE_STATUSES.filter(isOpenStatus);

/**
 * The whole history in one statement, one round trip: on PostgreSQL each query was a round trip
 * waiting for two processes to be scheduled (six to seven, three in a row, 16–50 ms under load at
 * 1 M cases for reads that run in 0.1 ms, docs/benchmarks.md). Every part reads a bounded number
 * of rows, whatever how often the caller got in touch (issue 10 §2 at 10 M cases, ADR 0040):
 * - the caller's latest cases: those they opened (cases_caller_bidx_created) and those they
 *   contacted again about (contacts_caller_bidx_received), each side cut at the limit
 *   (`latestCases`); never by decrypting rows. Of these only what picks and orders them is kept
 *   (`history`); the text, the line and the number are read for the ten open and five finished
 *   cases shown, not for all fifty;
 * - the confirmed vulnerability flags of those cases; the name on their latest own case; the
 *   latest contacts; the caller flags in force;
 * - the contacts and the calls (call_records_caller_idx) since the 30-day window's start, counted
 *   through `LIMIT cap`: a caller with two hundred contacts a month reads fifty ("50+").
 * Lists come back as JSON arrays (json_agg / json_group_array) so one row carries them all.
 */
function historyStatement(db: Kysely<DB>, v: Values, shape: Shape) {
  const jsonArrayFrom = shape.dialect === 'postgres' ? pgJsonArrayFrom : sqliteJsonArrayFrom;
  const jsonObjectFrom = shape.dialect === 'postgres' ? pgJsonObjectFrom : sqliteJsonObjectFrom;
  const { limits } = shape;
  // MATERIALIZED: the shown cases, the name and the vulnerability flags all read `history`, and
  // SQLite inlined it, so the caller's cases were found, fetched and sorted again for each (the
  // statement alone for a frequent caller: 0.88 → 0.70 ms of CPU at 1 M cases). PostgreSQL
  // materializes a CTE read more than once anyway.
  return db
    .with((cte) => cte('history').materialized(), () => latestCases(db, v, shape))
    .selectNoFrom((eb) => {
      // The open and the finished cases shown: picked and cut first (the newest of each), then
      // joined, so only the cases shown are read again for their text and line, not all fifty.
      const newest = (open: boolean) =>
        eb.selectFrom('history').select(['history.id', 'history.status', 'history.created_at']).where('history.status', open ? 'in' : 'not in', OPEN_STATUSES)
          .orderBy('history.created_at', 'desc').limit(open ? limits.openCases : limits.closedCases);
      const picked = eb.selectFrom(newest(true).as('open')).selectAll('open').unionAll(eb.selectFrom(newest(false).as('closed')).selectAll('closed'));
      return [
        jsonArrayFrom(
          eb
            .selectFrom(picked.as('shown'))
            // CROSS JOIN: SQLite never reorders it, so the (at most fifteen) shown cases drive and
            // each is one primary-key read. With an inner join its planner, not knowing how few
            // `shown` holds, scanned every case and probed `shown` through an automatic index on
            // a 300 k-case city: 1 s per history instead of 1 ms (ADR 0064). PostgreSQL plans a
            // CROSS JOIN with its WHERE as the inner join it is.
            .crossJoin('cases')
            .whereRef('cases.id', '=', 'shown.id')
            .leftJoin('lines', 'lines.id', 'cases.line_id')
            .select([
              'shown.id', 'cases.case_number', 'shown.status', 'cases.type', 'shown.created_at', 'lines.name as line_name',
              // The summary is the first 60 characters; the rest of a long appeal need not travel.
              (c) => c.fn<string>('substr', ['cases.content', c.val(1), c.val(60)]).as('content'),
            ]),
        ).as('cases'),
        // The name they gave on their own latest case (not on a neighbour's case they called about).
        jsonObjectFrom(
          eb.selectFrom('history').select(['history.caller_protected', 'history.caller_name_enc']).where('history.caller_phone_bidx', '=', v.bidx).where('history.caller_name_enc', 'is not', null).orderBy('history.created_at', 'desc').limit(1),
        ).as('named'),
        jsonArrayFrom(
          eb.selectFrom('case_vulnerabilities').select(['case_vulnerabilities.case_id', 'case_vulnerabilities.flag']).where('case_vulnerabilities.case_id', 'in', eb.selectFrom('history').select('history.id')),
        ).as('vulnerabilities'),
        jsonArrayFrom(
          contactsOf(db, v, shape)
            .select(['contacts.id', 'contacts.case_id', 'cases.case_number', 'contacts.channel', 'contacts.outcome', 'contacts.received_at'])
            .orderBy('contacts.received_at', 'desc')
            .limit(limits.contacts),
        ).as('contacts'),
        // Counted through LIMIT cap: the caller's latest, newest first along the index.
        eb.selectFrom(contactsOf(db, v, shape).select('contacts.id').where('contacts.received_at', '>=', v.since).orderBy('contacts.received_at', 'desc').limit(limits.counts).as('counted'))
          .select((c) => c.fn.countAll<number | string>().as('n')).as('contact_count'),
        // The latest calls up to the cap, and how many of those ended without a person answering.
        jsonObjectFrom(
          eb.selectFrom(
            callsSince(db, v, shape)
              .select((c) => c.case().when(c.and([c('call_records.outcome', 'is not', null), c('call_records.outcome', '!=', 'answered')])).then(1).else(0).end().as('unanswered'))
              .orderBy('call_records.offered_at', 'desc')
              .limit(limits.counts)
              .as('latest'),
          ).select((c) => [c.fn.countAll<number | string>().as('calls'), c.fn.sum<number | string | null>('latest.unanswered').as('unanswered')]),
        ).as('calls'),
        jsonArrayFrom(
          eb
            .selectFrom('caller_flags')
            .select(['caller_flags.kind', 'caller_flags.reason'])
            .where('caller_flags.jurisdiction_id', '=', v.jurisdictionId)
            .where('caller_flags.caller_phone_bidx', '=', v.bidx)
            .where('caller_flags.status', '=', 'active')
            .orderBy('caller_flags.kind'),
        ).as('flags'),
      ];
    });
}

/**
 * The caller's latest cases, newest first, at most HISTORY_CASE_LIMIT, with the columns the rest of
 * the statement reads: those they opened (cases_caller_bidx_created) and those they got in touch
 * about again (contacts_caller_bidx_received), each side cut at the limit. Each query names the
 * jurisdiction itself (every hot query carries it, ADR 0033).
 */
function latestCases(db: Kysely<DB>, v: Values, shape: Shape) {
  const visibleCases = <O>(q: SelectQueryBuilder<DB, 'cases', O>) => {
    let out = q;
    if (!shape.includeProtected) out = out.where('cases.caller_protected', '=', 0);
    if (shape.byLine) out = out.where('cases.line_id', '=', v.lineId);
    return out;
  };
  const kept = ['cases.id', 'cases.status', 'cases.created_at', 'cases.caller_protected', 'cases.caller_name_enc', 'cases.caller_phone_bidx'] as const;
  const opened = visibleCases(db.selectFrom('cases').select(kept).where('cases.jurisdiction_id', '=', v.jurisdictionId))
    .where('cases.caller_phone_bidx', '=', v.bidx)
    .orderBy('cases.created_at', 'desc')
    .limit(HISTORY_CASE_LIMIT);
  if (shape.dialect === 'sqlite') {
    // SQLite: the two sides give ids and the cases are read again by primary key, in process. Rows
    // straight from the sides (PostgreSQL's way, below) cost it more, not less: its UNION sorts
    // both sides by every column first (0.08–0.13 against 0.05–0.08 ms for a caller with a few
    // cases at 1 M, docs/benchmarks.md).
    const contacted = contactsOf(db, v, shape).select('contacts.case_id as id').where('contacts.case_id', 'is not', null).$narrowType<{ id: string }>().orderBy('contacts.received_at', 'desc').limit(HISTORY_CASE_LIMIT);
    return visibleCases(db.selectFrom('cases').where('cases.jurisdiction_id', '=', v.jurisdictionId))
      .select(kept)
      .where('cases.id', 'in', (eb) => eb.selectFrom(opened.clearSelect().select('cases.id').as('opened')).select('opened.id').unionAll(eb.selectFrom(contacted.as('contacted')).select('contacted.id')))
      .orderBy('cases.created_at', 'desc')
      .limit(HISTORY_CASE_LIMIT);
  }
  // PostgreSQL: each side carries the columns kept, from the rows it found. Reading them again by
  // id afterwards was a primary-key read per case: ~200 of a top-20 caller's ~790 buffer hits
  // at 1 M cases (docs/benchmarks.md). The contacted cases are read through the contact's join to
  // its case, with the case's own filters (its city, the tip-line mark, the line) repeated here.
  let contacted = contactsOf(db, v, shape).select(kept).where('contacts.case_id', 'is not', null).where('cases.jurisdiction_id', '=', v.jurisdictionId);
  if (!shape.includeProtected) contacted = contacted.where('cases.caller_protected', '=', 0);
  if (shape.byLine) contacted = contacted.where('cases.line_id', '=', v.lineId);
  const contactedCases = contacted
    .$narrowType<{ id: string; status: string; created_at: string; caller_protected: number; caller_phone_bidx: string }>()
    .orderBy('contacts.received_at', 'desc')
    .limit(HISTORY_CASE_LIMIT);
  // UNION, not UNION ALL: a case they opened and got in touch about again is the same row on both sides, kept once.
  return db
    .selectFrom((eb) => eb.selectFrom(opened.as('opened')).selectAll().union(eb.selectFrom(contactedCases.as('contacted')).selectAll()).as('sides'))
    .selectAll()
    .orderBy('sides.created_at', 'desc')
    .limit(HISTORY_CASE_LIMIT);
}

/**
 * The tip lines, whose contacts and calls only some viewers see. The rows are filtered on their
 * own `line_id NOT IN (the tip lines)`, not joined to `lines`: for a caller's first five look-ups
 * on a connection PostgreSQL plans for the caller's own values, and where it guessed few contacts
 * it joined `lines` by hash, which does not keep the index's newest-first order, so it read and
 * sorted every contact the caller ever made to keep fifty (a top-20 caller at 1 M cases: 3,505
 * buffers, against ~540 for the plan it uses later; docs/benchmarks.md). A filter keeps the order
 * whatever the guess. NOT IN, not NOT EXISTS: PostgreSQL turns NOT EXISTS into an anti-join, a
 * hash one again; NOT IN stays a hashed subplan, the tip lines read once per statement. SQLite
 * pays ~0.01 ms for it (0.23 → 0.24 ms for a frequent caller).
 */
function tipLines(db: Kysely<DB>) {
  return db.selectFrom('lines').select('lines.id').where('lines.mode', '=', 'tip');
}

/** The contacts filter shared by the list and the count: the caller's, visible to this viewer. */
function contactsOf(db: Kysely<DB>, v: Values, shape: Shape) {
  let q = db
    .selectFrom('contacts')
    .leftJoin('cases', 'cases.id', 'contacts.case_id')
    .where('contacts.caller_phone_bidx', '=', v.bidx)
    .where('contacts.jurisdiction_id', '=', v.jurisdictionId);
  if (!shape.includeProtected) {
    q = q
      .where((w) => w.or([w('contacts.line_id', 'is', null), w('contacts.line_id', 'not in', tipLines(db))]))
      .where((w) => w.or([w('cases.caller_protected', 'is', null), w('cases.caller_protected', '=', 0)]));
  }
  if (shape.byLine) q = q.where('contacts.line_id', '=', v.lineId);
  return q;
}

/** The caller's inbound calls from the window's start until `callsBefore`, visible to this viewer. */
function callsSince(db: Kysely<DB>, v: Values, shape: Shape) {
  let q = db
    .selectFrom('call_records')
    .where('call_records.caller_bidx', '=', v.bidx)
    .where('call_records.offered_at', '>=', v.since)
    .where('call_records.offered_at', '<', v.callsBefore)
    .where('call_records.jurisdiction_id', '=', v.jurisdictionId)
    .where('call_records.direction', '=', 'in');
  if (!shape.includeProtected) q = q.where((w) => w.or([w('call_records.line_id', 'is', null), w('call_records.line_id', 'not in', tipLines(db))]));
  if (shape.byLine) q = q.where('call_records.line_id', '=', v.lineId);
  return q;
}

type HistoryRow = Awaited<ReturnType<ReturnType<typeof historyStatement>['executeTakeFirstOrThrow']>>;

const statements = new Map<string, PreparedQuery<Values, HistoryRow>>();

/** The history statement of this shape, compiled once (lib/prepared-query.ts). */
function statementFor(shape: Shape): PreparedQuery<Values, HistoryRow> {
  const { limits: l } = shape;
  const key = `${shape.dialect}:${shape.includeProtected}:${shape.byLine}:${l.openCases}:${l.closedCases}:${l.contacts}:${l.counts}`;
  let s = statements.get(key);
  if (!s) {
    const keys: Array<keyof Values> = shape.byLine ? ['jurisdictionId', 'bidx', 'since', 'callsBefore', 'lineId'] : ['jurisdictionId', 'bidx', 'since', 'callsBefore'];
    // Planned once on SQLite (ADR 0071): its limits are bound and it compares indexed columns with
    // values, so SQLite parsed and planned the whole statement again at every call, ~0.3 ms of the
    // 0.55 ms a history took at 500 k cases (0.36 → 0.04 ms for an unknown number). The plan is the
    // same one, by the caller's indexes, whatever the number (docs/benchmarks.md).
    s = preparedQuery<Values, HistoryRow>(keys, (db, v) => historyStatement(db, v, shape), { fixedPlan: true });
    statements.set(key, s);
  }
  return s;
}

/** SQLite returns the JSON as text; PostgreSQL's driver has parsed it already. */
function fromJson<T>(value: T | string | null): T | null {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

export type HistoryCase = HistoryRow['cases'][number];

export interface HistoryRows {
  /** Newest first: at most `limits.openCases` open and `limits.closedCases` finished of the caller's latest HISTORY_CASE_LIMIT cases. */
  cases: HistoryCase[];
  /** The sealed name on their latest own case that has one. */
  named: { caller_protected: number; caller_name_enc: string } | null;
  vulnerabilities: HistoryRow['vulnerabilities'];
  /** Newest first. */
  contacts: HistoryRow['contacts'];
  /** Counted up to `limits.counts` rows: as many means "that many or more". */
  contactsRead: number;
  /** The latest calls up to `limits.counts`, and how many of those no person answered. */
  calls: { calls: number; unanswered: number };
  flags: HistoryRow['flags'];
}

/** Newest first by an ISO time (ISO strings sort as their times do; no Date made per comparison). */
const newestFirst = <T>(rows: T[], at: (row: T) => string): T[] => rows.sort((a, b) => (at(a) < at(b) ? 1 : at(a) > at(b) ? -1 : 0));

/** Later than any call: the calls counted when no call is ringing. */
const NO_CALL_RINGING = '9999-12-31T23:59:59.999Z';

/**
 * Everything the caller history shows, as this viewer may see it, since `since` for the counts;
 * the calls counted stop before `callsBefore` (the call ringing now is not its own history).
 */
export async function readHistoryRows(db: Kysely<DB>, dialect: Dialect, s: HistoryScope, o: { since: string; callsBefore?: string; limits: HistoryLimits }): Promise<HistoryRows> {
  const shape: Shape = { includeProtected: s.includeProtected, byLine: s.lineId !== undefined, dialect, limits: o.limits };
  const values = { jurisdictionId: s.jurisdictionId, bidx: s.bidx, since: o.since, callsBefore: o.callsBefore ?? NO_CALL_RINGING, lineId: s.lineId ?? '' };
  const [row] = await statementFor(shape).execute(db, values);
  if (!row) throw new Error('the caller history statement returned no row');
  const named = fromJson(row.named);
  const calls = fromJson(row.calls);
  // JSON carries timestamps as text in the database's own spelling: back to ISO, then order (JSON arrays keep no promise of it).
  const cases = (fromJson(row.cases) ?? []).map((c) => ({ ...c, created_at: new Date(c.created_at).toISOString() }));
  const contacts = (fromJson(row.contacts) ?? []).map((c) => ({ ...c, received_at: new Date(c.received_at).toISOString() }));
  return {
    cases: newestFirst(cases, (c) => c.created_at),
    named: named && named.caller_name_enc !== null ? { caller_protected: Number(named.caller_protected), caller_name_enc: named.caller_name_enc } : null,
    vulnerabilities: fromJson(row.vulnerabilities) ?? [],
    contacts: newestFirst(contacts, (c) => c.received_at),
    contactsRead: Number(row.contact_count ?? 0),
    calls: { calls: Number(calls?.calls ?? 0), unanswered: Number(calls?.unanswered ?? 0) },
    flags: fromJson(row.flags) ?? [],
  };
}
