import { CompiledQuery, type Insertable, type Kysely } from 'kysely';
import { keepPrepared } from '../../db/named-statements.js';
import type { CallbackTaskTable, DB, LineTable } from '../../db/schema.js';

/**
 * A CTI batch's callback filing on PostgreSQL in two statements of fixed text (ADR 0057, as
 * telephony/call-batch-pg.ts): what it reads (the lines' settings, their jurisdictions' calendar
 * years, the earlier calls' attachments) in one, the filings (one upsert per open task, the
 * attachments to the tasks it answers) in the other, each with one jsonb parameter and sent as a
 * named prepared statement. SQLite runs repository.ts's statements.
 */

export interface ProtectionRow {
  lineId: string;
  mode: LineTable['mode'];
  serviceHours: string;
  ownerUserId: string | null;
  ownerUnitId: string | null;
  jurisdictionId: string;
  timeZone: string;
  callbackUnitId: string | null;
  withinMinutes: number | null;
  afterHoursNumber: string | null;
  centreUnitId: string | null;
}

const READS = `WITH i AS (SELECT $1::jsonb AS j),
ls AS MATERIALIZED (
  SELECT l.id AS "lineId", l.mode, l.service_hours AS "serviceHours", l.owner_user_id AS "ownerUserId", owner.org_unit_id AS "ownerUnitId",
    jr.id AS "jurisdictionId", jr.timezone AS "timeZone", s.callback_unit_id AS "callbackUnitId", s.within_minutes AS "withinMinutes",
    s.after_hours_number AS "afterHoursNumber",
    (SELECT c.id FROM org_units c WHERE c.jurisdiction_id = l.jurisdiction_id AND c.kind = 'centre' ORDER BY c.path LIMIT 1) AS "centreUnitId"
  FROM lines l
  JOIN jurisdictions jr ON jr.id = l.jurisdiction_id
  LEFT JOIN users owner ON owner.id = l.owner_user_id
  LEFT JOIN line_callback_settings s ON s.line_id = l.id
  WHERE l.id IN (SELECT jsonb_array_elements_text(j->'lines') FROM i)
)
SELECT
  (SELECT coalesce(jsonb_agg(to_jsonb(ls)), '[]'::jsonb) FROM ls) AS lines,
  (SELECT coalesce(jsonb_agg(jsonb_build_array(y.jurisdiction_id, y.data) ORDER BY y.jurisdiction_id, y.year), '[]'::jsonb) FROM calendar_years y
    WHERE y.jurisdiction_id IN (SELECT "jurisdictionId" FROM ls)) AS years,
  (SELECT coalesce(jsonb_agg(jsonb_build_array(c.call_id, c.task_id)), '[]'::jsonb) FROM callback_calls c
    WHERE c.call_id IN (SELECT jsonb_array_elements_text(j->'calls') FROM i)) AS attached`;

/** The columns a filing gives (call_count: the batch's calls of the task; failed_tries keeps its default). */
export const TASK_COLUMNS = [
  'id', 'jurisdiction_id', 'line_id', 'caller_enc', 'caller_bidx', 'open_key', 'status', 'reason', 'first_call_at', 'last_call_at', 'voicemail_enc', 'call_count',
  'assignee_user_id', 'unit_id', 'due_at', 'remind_at', 'deadline_clock', 'reminded_at', 'overdue_at', 'first_attempt_at', 'outcome', 'case_id', 'closed_at',
  'closed_by', 'created_at', 'updated_at',
] as const satisfies ReadonlyArray<keyof CallbackTaskTable>;

// As repository.ts#countIntoOpenTasks and #attachCalls, in one statement: the attachments join the
// upsert's answer by open_key. Rows go in open_key order (two batches lock tasks in one order).
const FILE = `WITH i AS (SELECT $1::jsonb AS j),
tasks AS (
  INSERT INTO callback_tasks AS t (${TASK_COLUMNS.join(', ')})
  SELECT ${TASK_COLUMNS.map((c) => `r.${c}`).join(', ')} FROM i, jsonb_populate_recordset(NULL::callback_tasks, i.j->'tasks') r ORDER BY r.open_key
  ON CONFLICT (open_key) DO UPDATE SET
    call_count = t.call_count + excluded.call_count,
    last_call_at = CASE WHEN excluded.last_call_at > t.last_call_at THEN excluded.last_call_at ELSE t.last_call_at END,
    voicemail_enc = coalesce(excluded.voicemail_enc, t.voicemail_enc),
    updated_at = excluded.updated_at
  RETURNING t.id, t.open_key
),
attached AS (
  INSERT INTO callback_calls (call_id, task_id, attached_at)
  SELECT a->>0, tasks.id, (i.j->>'at')::timestamptz FROM i, jsonb_array_elements(i.j->'attach') a JOIN tasks ON tasks.open_key = a->>1
  ON CONFLICT (call_id) DO NOTHING
  RETURNING 1
)
SELECT (SELECT count(*) FROM attached)::int AS attached`;

for (const text of [READS, FILE]) keepPrepared(text);

export async function pgProtectionReads(
  db: Kysely<DB>, o: { lineIds: readonly string[]; callIds: readonly string[] },
): Promise<{ lines: ProtectionRow[]; years: Map<string, Array<{ data: string }>>; attached: Map<string, string> }> {
  type Row = { lines: ProtectionRow[]; years: Array<[string, string]>; attached: Array<[string, string]> };
  const { rows } = await db.executeQuery<Row>(CompiledQuery.raw(READS, [JSON.stringify({ lines: o.lineIds, calls: o.callIds })]));
  const r = rows[0];
  if (!r) throw new Error('the callback read answered no row');
  const years = new Map<string, Array<{ data: string }>>();
  for (const [j, data] of r.years) years.set(j, [...(years.get(j) ?? []), { data }]);
  return { lines: r.lines, years, attached: new Map(r.attached) };
}

/** Files the tasks and attaches each call to its task's open_key; answers how many calls were attached. */
export async function pgFileTasks(
  db: Kysely<DB>, o: { tasks: ReadonlyArray<Insertable<CallbackTaskTable>>; attach: ReadonlyArray<[callId: string, openKey: string]>; at: string },
): Promise<number> {
  if (o.tasks.length === 0) return 0;
  const { rows } = await db.executeQuery<{ attached: number }>(CompiledQuery.raw(FILE, [JSON.stringify(o)]));
  return rows[0]?.attached ?? 0;
}
