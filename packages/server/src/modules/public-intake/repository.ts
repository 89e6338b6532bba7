import { CompiledQuery, sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Dialect } from '../../db/database.js';
import { keepPrepared } from '../../db/named-statements.js';
import type { DB, PublicIntakeTable } from '../../db/schema.js';
import { preparedQuery } from '../../lib/prepared-query.js';
import type { Jurisdiction } from '../jurisdictions/repository.js';
import { RATE_LIMITS_SETTING_KEY } from '../limits/repository.js';
import { settingKeySql } from '../settings/repository.js';
import { URGENCY_LEXICON } from '../triage-settings/repository.js';

type Db = Kysely<DB> | Transaction<DB>;
export type IntakeRow = Selectable<PublicIntakeTable>;

/** A row that failed this often alone is left for an operator (failed figure) instead of retried forever. */
export const MAX_ATTEMPTS = 5;

export type AcceptedRow = Pick<Insertable<PublicIntakeTable>, 'jurisdiction_id' | 'tracking_code_hash' | 'payload_enc' | 'urgency' | 'accepted_at' | 'request_id'>;

/**
 * What an accept batch reads before it decides: the default jurisdiction, its stored urgency
 * lexicon and the stored rate limits, if any.
 */
export interface AcceptScope {
  jurisdiction: Jurisdiction;
  lexicon: { value: string; updatedAt: string } | undefined;
  /** The stored limits (limits/service.ts rateLimitsOf reads them). */
  rateLimits: string | undefined;
}

type AcceptScopeRow = Jurisdiction & { lexicon_value: string | null; lexicon_updated_at: string | null; limits_value: string | null };

// One statement of fixed text, named on PostgreSQL (parsed and planned once per connection):
// the reads of every batch were a round trip and a parse each (issue 13 §1; the limits, ADR 0059).
const acceptScope = preparedQuery<Record<string, never>, AcceptScopeRow>([], (db) =>
  db
    .selectFrom((eb) => eb.selectFrom('jurisdictions').select(['id', 'code', 'name', 'timezone']).orderBy('created_at').orderBy('id').limit(1).as('j'))
    .leftJoin('settings', (join) => join.on('settings.key', '=', settingKeySql(URGENCY_LEXICON, sql.ref('j.id'))))
    .leftJoin('settings as limits', (join) => join.on('limits.key', '=', sql.lit(RATE_LIMITS_SETTING_KEY)))
    .select(['j.id', 'j.code', 'j.name', 'j.timezone', 'settings.value as lexicon_value', 'settings.updated_at as lexicon_updated_at', 'limits.value as limits_value']),
);

/** The batch's reads in one round trip (the same answers as findDefaultJurisdiction, readSetting and readLimitsSetting). */
export async function findAcceptScope(db: Kysely<DB>): Promise<AcceptScope | undefined> {
  const [row] = await acceptScope.execute(db, {});
  if (!row) return undefined;
  const { lexicon_value: value, lexicon_updated_at: updatedAt, limits_value: rateLimits, ...jurisdiction } = row;
  return { jurisdiction, lexicon: value !== null && updatedAt !== null ? { value, updatedAt } : undefined, rateLimits: rateLimits ?? undefined };
}

/**
 * A whole accepted batch in one statement with ONE parameter, the rows as a JSON array, in
 * arrival order (so `seq` is the order of acceptance). The statement's text never changes, so it
 * costs the same to build and parse for 1 row or 256; a multi-row VALUES list built per batch
 * cost ~10 µs per appeal on the accept path of a surge (issue 13 §1, docs/benchmarks.md). On
 * PostgreSQL it is also sent by name, so it is parsed and planned once per connection, not per
 * batch (ADR 0056).
 */
const INSERT_ROWS = {
  sqlite: `insert into public_intake (jurisdiction_id, tracking_code_hash, payload_enc, urgency, accepted_at, request_id)
    select value ->> 'jurisdiction_id', value ->> 'tracking_code_hash', value ->> 'payload_enc', value ->> 'urgency',
      value ->> 'accepted_at', value ->> 'request_id'
    from json_each(?) order by key`,
  postgres: `insert into public_intake (jurisdiction_id, tracking_code_hash, payload_enc, urgency, accepted_at, request_id)
    select r ->> 'jurisdiction_id', r ->> 'tracking_code_hash', r ->> 'payload_enc', r ->> 'urgency',
      (r ->> 'accepted_at')::timestamptz, r ->> 'request_id'
    from jsonb_array_elements($1::jsonb) with ordinality as e(r, n) order by n`,
} as const;
keepPrepared(INSERT_ROWS.postgres);

export async function insertIntakeRows(db: Db, dialect: Dialect, rows: readonly AcceptedRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.executeQuery(CompiledQuery.raw(INSERT_ROWS[dialect], [JSON.stringify(rows)]));
}

/**
 * Claims the oldest unprocessed rows for the caller's transaction. The claim is the first
 * statement and a write: on SQLite it takes the single write lock before anything is read, so a
 * second process waits for it and then sees these rows processed (a read first would fail with a
 * busy snapshot instead); on PostgreSQL the rows are locked with SKIP LOCKED, so another drainer
 * takes the next ones. Nothing is held outside the transaction: a crash releases the claim.
 */
export async function claimBacklog(db: Transaction<DB>, dialect: Dialect, o: { limit: number; seq?: number }): Promise<IntakeRow[]> {
  const claim = claims[dialect][o.seq === undefined ? 'oldest' : 'one'];
  const rows = await claim.execute(db, { limit: o.limit, seq: o.seq ?? 0 });
  return rows.sort((a, b) => a.seq - b.seq);
}

type ClaimValues = { limit: number; seq: number };

// The SQLite drainer claims one row at a time (ADR 0049): compiled once, and planned once
// (fixedPlan, ADR 0071): with a bound LIMIT, and statistics on public_intake, SQLite re-planned
// it at every claim (97 µs instead of 19 on a 150,000-case file).
function claimStatement(dialect: Dialect, one: boolean) {
  return preparedQuery<ClaimValues, IntakeRow>(one ? ['limit', 'seq'] : ['limit'], (db, v) => {
    let pick = db
      .selectFrom('public_intake')
      .select('seq')
      .where('processed_at', 'is', null)
      .where('attempts', '<', MAX_ATTEMPTS)
      .orderBy('seq')
      .limit(v.limit);
    if (one) pick = pick.where('seq', '=', v.seq);
    if (dialect === 'postgres') pick = pick.forUpdate().skipLocked();
    return db
      .updateTable('public_intake')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('seq', 'in', pick)
      .returningAll();
  }, { fixedPlan: true });
}
const claims = {
  sqlite: { oldest: claimStatement('sqlite', false), one: claimStatement('sqlite', true) },
  postgres: { oldest: claimStatement('postgres', false), one: claimStatement('postgres', true) },
};

export async function markProcessed(db: Db, o: ProcessedMark): Promise<void> {
  await processedMark.execute(db, o);
}

// Once per processed appeal: compiled once (lib/prepared-query.ts, issue 13 §2).
// The sealed appeal is dropped: from now on the case (or contact) holds it.
const processedMark = preparedQuery<{ seq: number; outcome: string; caseId: string; at: string }, never>(['seq', 'outcome', 'caseId', 'at'], (db, v) =>
  db.updateTable('public_intake').set({ processed_at: v.at, outcome: v.outcome, case_id: v.caseId, payload_enc: null, last_error: null }).where('seq', '=', v.seq),
);

/** A processed row's mark: what it became and when. */
export interface ProcessedMark {
  seq: number;
  outcome: string;
  caseId: string;
  at: string;
}

/**
 * A whole batch's marks in one statement with one parameter, the marks as a JSON array (the
 * pattern of insertIntakeRows): on PostgreSQL one mark per processed appeal was one round trip
 * of the ~14 its processing took (issue 13 §2). The text never changes, so it is named there.
 */
const MARK_ROWS = {
  sqlite: `update public_intake set processed_at = m.at, outcome = m.outcome, case_id = m.case_id, payload_enc = null, last_error = null
    from (select value ->> 'seq' as seq, value ->> 'outcome' as outcome, value ->> 'caseId' as case_id, value ->> 'at' as at from json_each(?)) as m
    where public_intake.seq = m.seq`,
  postgres: `update public_intake set processed_at = (m ->> 'at')::timestamptz, outcome = m ->> 'outcome', case_id = m ->> 'caseId',
      payload_enc = null, last_error = null
    from jsonb_array_elements($1::jsonb) as m
    where public_intake.seq = (m ->> 'seq')::bigint`,
} as const;
keepPrepared(MARK_ROWS.postgres);

export async function markProcessedRows(db: Db, dialect: Dialect, marks: readonly ProcessedMark[]): Promise<void> {
  if (marks.length === 0) return;
  await db.executeQuery(CompiledQuery.raw(MARK_ROWS[dialect], [JSON.stringify(marks)]));
}

/** A row that failed alone: counted (its transaction rolled back its claim) with the error, for the admin page. */
export async function recordFailure(db: Db, seq: number, error: string): Promise<void> {
  await db.updateTable('public_intake').set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 500) }))
    .where('seq', '=', seq).where('processed_at', 'is', null).execute();
}

export function findIntakeByTrackingHash(db: Db, hash: string): Promise<Pick<IntakeRow, 'accepted_at' | 'processed_at'> | undefined> {
  return db.selectFrom('public_intake').select(['accepted_at', 'processed_at']).where('tracking_code_hash', '=', hash).executeTakeFirst();
}

export interface IntakeCounts {
  /** Accepted since the table began (the highest sequence number: a counter, never an O(n) count). */
  accepted: number;
  /** Waiting to be processed, failed ones included. */
  backlog: number;
  /** Of the backlog, rows that failed MAX_ATTEMPTS times and wait for an operator. */
  failed: number;
  /** The oldest accepted row still being tried (parked ones left out); null when none is. */
  oldestAcceptedAt: string | null;
  processedSince: number;
}

/** The figures the admin page and /metrics show; each read is served by an index. */
export async function intakeCounts(db: Db, since: string): Promise<IntakeCounts> {
  const top = await db.selectFrom('public_intake').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  const backlog = await db
    .selectFrom('public_intake')
    .where('processed_at', 'is', null)
    .select((eb) => [
      eb.fn.countAll<number | string>().as('n'),
      // The oldest still being tried: a parked row (failed MAX_ATTEMPTS times) is counted in
      // `failed`, and ageing it here made the lag grow without end and its alert fire for ever.
      eb.fn.min(sql<string | null>`case when attempts < ${MAX_ATTEMPTS} then accepted_at end`).as('oldest'),
      eb.fn.sum<number | string | null>(sql`case when attempts >= ${MAX_ATTEMPTS} then 1 else 0 end`).as('failed'),
    ])
    .executeTakeFirstOrThrow();
  const processed = await db.selectFrom('public_intake').where('processed_at', '>=', since)
    .select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return {
    accepted: Number(top?.seq ?? 0),
    backlog: Number(backlog.n),
    failed: Number(backlog.failed ?? 0),
    oldestAcceptedAt: backlog.oldest ?? null,
    processedSince: Number(processed.n),
  };
}

/**
 * Up to `limit` rows processed before the time, oldest first, never the newest row of the table
 * (its sequence number counts the appeals accepted). Served by the processed_at index.
 */
export async function deleteProcessedBefore(db: Db, o: { before: string; limit: number }): Promise<number> {
  const top = db.selectFrom('public_intake').select((eb) => eb.fn.max('seq').as('seq'));
  const pick = db
    .selectFrom('public_intake')
    .select('seq')
    .where('processed_at', '<', o.before)
    .where('seq', '<', top)
    .orderBy('processed_at')
    .limit(o.limit);
  const r = await db.deleteFrom('public_intake').where('seq', 'in', pick).executeTakeFirst();
  return Number(r.numDeletedRows);
}
