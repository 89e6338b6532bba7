import { CompiledQuery, type Insertable, type Kysely, type Selectable } from 'kysely';
import { keepPrepared } from '../../db/named-statements.js';
import type { CallEventTable, CallRecordTable, DB } from '../../db/schema.js';

/**
 * The CTI batch's reads and writes on PostgreSQL as three statements of fixed text whatever the
 * batch (issue 10 §6, ADR 0057): the batch goes in as one jsonb parameter and comes back as jsonb,
 * so each text is a named prepared statement (db/named-statements.ts), parsed and planned once
 * per connection, and Kysely builds nothing per batch. Each per-event statement this replaced cost
 * a round trip, a parse and a plan on the backend, and a query build on the server thread; the
 * backends' CPU per event was about the server thread's (docs/benchmarks.md). SQLite keeps the
 * statements of call-repository.ts: in-process, a statement costs it no round trip.
 */

/** What a batch looks up, by jurisdiction where it matters ([jurisdiction, value] pairs). */
export interface PgLookupInput {
  tokens: string[];
  at: string;
  staleBefore: string;
  jurisdictions: string[];
  blocked: Array<[string, string]>;
  names: Array<[string, string]>;
  calls: Array<[string, string]>;
}

export interface PgLookups {
  live: Set<string>;
  lines: Map<string, Array<{ id: string; number: string; acceptsVoice: number }>>;
  blocked: Map<string, Set<string>>;
  users: Map<string, Array<{ id: string; username: string; displayName: string }>>;
  /** The batch's known calls, locked in phone-system id order. */
  calls: Array<Selectable<CallRecordTable>>;
}

// Touches the tokens (at most once a minute each), answers which are live, the jurisdictions'
// lines, which callers are blocked, the staff named, and locks the known calls FOR UPDATE in
// external_id order (two batches cannot deadlock on them). Their events are read by the next
// statement: one read in this statement's snapshot could miss events of a batch that committed
// while this one waited for a lock.
const LOOKUPS = `WITH i AS (SELECT $1::jsonb AS j),
touched AS (
  UPDATE cti_tokens SET last_used_at = (SELECT (j->>'at')::timestamptz FROM i)
  WHERE id IN (SELECT jsonb_array_elements_text(j->'tokens') FROM i) AND revoked_at IS NULL
    AND (last_used_at IS NULL OR last_used_at < (SELECT (j->>'staleBefore')::timestamptz FROM i))
  RETURNING id
),
locked AS MATERIALIZED (
  SELECT c.* FROM call_records c
  WHERE c.source = 'cti' AND (c.jurisdiction_id, c.external_id) IN (SELECT k->>0, k->>1 FROM i, jsonb_array_elements(i.j->'calls') k)
  ORDER BY c.external_id
  FOR UPDATE OF c
)
SELECT
  (SELECT count(*) FROM touched)::int AS touched,
  (SELECT coalesce(jsonb_agg(t.id), '[]'::jsonb) FROM cti_tokens t
    WHERE t.id IN (SELECT jsonb_array_elements_text(j->'tokens') FROM i) AND t.revoked_at IS NULL) AS live,
  (SELECT coalesce(jsonb_agg(jsonb_build_array(l.jurisdiction_id, l.id, l.number, l.accepts_voice)), '[]'::jsonb) FROM lines l
    WHERE l.jurisdiction_id IN (SELECT jsonb_array_elements_text(j->'jurisdictions') FROM i)) AS lines,
  (SELECT coalesce(jsonb_agg(jsonb_build_array(b.jurisdiction_id, b.number_bidx)), '[]'::jsonb) FROM blocked_numbers b
    WHERE (b.jurisdiction_id, b.number_bidx) IN (SELECT k->>0, k->>1 FROM i, jsonb_array_elements(i.j->'blocked') k)) AS blocked,
  (SELECT coalesce(jsonb_agg(jsonb_build_array(u.jurisdiction_id, u.id, u.username, u.display_name)), '[]'::jsonb) FROM users u
    WHERE u.status = 'active' AND ((u.jurisdiction_id, u.username) IN (SELECT k->>0, k->>1 FROM i, jsonb_array_elements(i.j->'names') k)
      OR (u.jurisdiction_id, u.display_name) IN (SELECT k->>0, k->>1 FROM i, jsonb_array_elements(i.j->'names') k))) AS users,
  (SELECT coalesce(jsonb_agg(to_jsonb(c)), '[]'::jsonb) FROM locked c) AS calls`;

const EVENTS = 'SELECT * FROM call_events WHERE call_id = ANY($1::text[])';

const CALL_COLUMNS = [
  'id', 'jurisdiction_id', 'source', 'external_id', 'cti_token_id', 'direction', 'line_id', 'line_number', 'caller_enc', 'caller_bidx', 'queue',
  'offered_at', 'answered_at', 'ended_at', 'wait_seconds', 'talk_seconds', 'outcome', 'late_answer', 'answered_by_user_id', 'answered_by', 'cause',
  'case_id', 'contact_id', 'created_at', 'updated_at',
] as const satisfies ReadonlyArray<keyof CallRecordTable>;
/** What later events of a call change (call-repository.ts has the same list for SQLite). */
const MUTABLE_CALL_COLUMNS = [
  'offered_at', 'answered_at', 'ended_at', 'wait_seconds', 'talk_seconds', 'outcome', 'late_answer', 'answered_by', 'cause', 'updated_at',
  'line_number', 'line_id', 'caller_enc', 'caller_bidx', 'answered_by_user_id', 'queue',
] as const satisfies ReadonlyArray<keyof CallRecordTable>;
const EVENT_COLUMNS = ['call_id', 'event', 'received_at', 'cause', 'users', 'answering_number', 'action'] as const satisfies ReadonlyArray<keyof CallEventTable>;

// New calls (a call made meanwhile by another process is skipped and counted short), the known
// calls' new state, and the events (a kind stored meanwhile is skipped and counted short), in one
// statement. The events' foreign key to a call inserted here is checked at the statement's end.
const WRITES = `WITH i AS (SELECT $1::jsonb AS j),
new_calls AS (
  INSERT INTO call_records (${CALL_COLUMNS.join(', ')})
  SELECT ${CALL_COLUMNS.map((c) => `r.${c}`).join(', ')} FROM i, jsonb_populate_recordset(NULL::call_records, i.j->'fresh') r
  ON CONFLICT (jurisdiction_id, source, external_id) DO NOTHING
  RETURNING 1
),
changed AS (
  UPDATE call_records c SET ${MUTABLE_CALL_COLUMNS.map((col) => `${col} = r.${col}`).join(', ')}
  FROM i, jsonb_populate_recordset(NULL::call_records, i.j->'changed') r
  WHERE c.id = r.id
  RETURNING 1
),
new_events AS (
  INSERT INTO call_events (${EVENT_COLUMNS.join(', ')})
  SELECT ${EVENT_COLUMNS.map((c) => `r.${c}`).join(', ')} FROM i, jsonb_populate_recordset(NULL::call_events, i.j->'events') r
  ON CONFLICT (call_id, event) DO NOTHING
  RETURNING 1
)
SELECT (SELECT count(*) FROM new_calls)::int AS calls, (SELECT count(*) FROM changed)::int AS changed, (SELECT count(*) FROM new_events)::int AS events`;

for (const text of [LOOKUPS, EVENTS, WRITES]) keepPrepared(text);

const byJurisdiction = <T>(rows: ReadonlyArray<[string, T]>): Map<string, T[]> => {
  const out = new Map<string, T[]>();
  for (const [j, v] of rows) out.set(j, [...(out.get(j) ?? []), v]);
  return out;
};
/** A timestamptz as jsonb prints it, as the pool's parser gives it for a column (ISO-8601 UTC, ms). */
const iso = (v: string | null): string | null => (v === null ? null : new Date(v).toISOString());

export async function pgBatchLookups(db: Kysely<DB>, input: PgLookupInput): Promise<PgLookups> {
  type Row = {
    live: string[]; lines: Array<[string, string, string, number]>; blocked: Array<[string, string]>;
    users: Array<[string, string, string, string]>; calls: Array<Selectable<CallRecordTable>>;
  };
  const { rows } = await db.executeQuery<Row>(CompiledQuery.raw(LOOKUPS, [JSON.stringify(input)]));
  const r = rows[0];
  if (!r) throw new Error('the CTI batch lookup answered no row');
  return {
    live: new Set(r.live),
    lines: byJurisdiction(r.lines.map(([j, id, number, acceptsVoice]) => [j, { id, number, acceptsVoice }])),
    blocked: new Map([...byJurisdiction(r.blocked)].map(([j, bidxs]) => [j, new Set(bidxs)])),
    users: byJurisdiction(r.users.map(([j, id, username, displayName]) => [j, { id, username, displayName }])),
    calls: r.calls.map((c) => ({
      ...c, offered_at: iso(c.offered_at) ?? c.offered_at, answered_at: iso(c.answered_at), ended_at: iso(c.ended_at),
      created_at: iso(c.created_at) ?? c.created_at, updated_at: iso(c.updated_at) ?? c.updated_at,
    })),
  };
}

export async function pgEventsOfCalls(db: Kysely<DB>, callIds: readonly string[]): Promise<Array<Selectable<CallEventTable>>> {
  if (callIds.length === 0) return [];
  return (await db.executeQuery<Selectable<CallEventTable>>(CompiledQuery.raw(EVENTS, [[...callIds]]))).rows;
}

/** Answers how many new calls and events were inserted (fewer than given: another process made some meanwhile). */
export async function pgWriteCalls(
  db: Kysely<DB>,
  o: { fresh: ReadonlyArray<Insertable<CallRecordTable>>; changed: ReadonlyArray<Insertable<CallRecordTable>>; events: ReadonlyArray<Insertable<CallEventTable>> },
): Promise<{ calls: number; events: number }> {
  if (o.fresh.length + o.changed.length + o.events.length === 0) return { calls: 0, events: 0 };
  const { rows } = await db.executeQuery<{ calls: number; changed: number; events: number }>(CompiledQuery.raw(WRITES, [JSON.stringify(o)]));
  return { calls: rows[0]?.calls ?? 0, events: rows[0]?.events ?? 0 };
}
