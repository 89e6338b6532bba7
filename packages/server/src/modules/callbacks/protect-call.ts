import {
  callbackDeadline,
  callbackReason,
  createWorkingCalendar,
  DEFAULT_CALLBACK_POLICY,
  isAfterHours,
  serviceHoursSchema,
  type CallbackReason,
  type CallOutcome,
  type LineServiceHours,
  type WorkingCalendar,
} from '@openline/core';
import { Transaction, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId, nowIso } from '../../lib/ids.js';
import type { TxContext } from '../../lib/unit-of-work.js';
import { loadWorkingCalendar } from '../calendar/load.js';
import type { CtiAnswer, RecordedCallEvent } from '../telephony/cti-service.js';
import { attachCall, countIntoOpenTask, findAttachment, findLineProtection, updateTask } from './repository.js';

/** Zammad's answers extended (ADR 0022): forward a newCall outside the line's hours to its after-hours desk. */
export interface ForwardAnswer {
  action: 'forward';
  destination: string;
}

const ENDED_UNANSWERED: ReadonlySet<CallOutcome> = new Set(['missed', 'abandoned', 'busy', 'voicemail']);

type LineRow = NonNullable<Awaited<ReturnType<typeof findLineProtection>>>;
interface Line extends LineRow {
  hours: LineServiceHours;
}
type Db = Kysely<DB> | Transaction<DB>;

const hoursOf = (serviceHours: string): LineServiceHours => serviceHoursSchema.parse(JSON.parse(serviceHours)) as LineServiceHours;

/**
 * Per CTI batch (keyed by its transaction, so nothing outlives it and an admin's change is seen
 * by the next batch): each line's protection settings and each jurisdiction's calendar are read
 * once, not once per event.
 */
interface BatchMemo {
  lines: Map<string, Promise<Line | null>>;
  calendars: Map<string, Promise<WorkingCalendar>>;
  /** Calls this batch attached to a task, by call id. */
  attached: Map<string, string>;
}
const memos = new WeakMap<object, BatchMemo>();
function memoOf(db: Db): BatchMemo | null {
  if (!(db instanceof Transaction)) return null;
  let memo = memos.get(db);
  if (!memo) memos.set(db, (memo = { lines: new Map(), calendars: new Map(), attached: new Map() }));
  return memo;
}

function lineOf(db: Db, lineId: string): Promise<Line | null> {
  const load = async (): Promise<Line | null> => {
    const row = await findLineProtection(db, lineId);
    return row ? { ...row, hours: hoursOf(row.serviceHours) } : null;
  };
  const memo = memoOf(db);
  if (!memo) return load();
  let line = memo.lines.get(lineId);
  if (!line) memo.lines.set(lineId, (line = load()));
  return line;
}

/** A line that keeps its weekly hours on holidays needs no statutory calendar. */
function calendarFor(db: Db, at: { jurisdictionId: string; timeZone: string }, hours: LineServiceHours): Promise<WorkingCalendar> {
  if (hours.onHolidays === 'open' && Object.values(hours.weekly).some((spans) => spans.length > 0)) {
    return Promise.resolve(createWorkingCalendar({ timeZone: at.timeZone }));
  }
  const load = () => loadWorkingCalendar(db, { id: at.jurisdictionId, timezone: at.timeZone });
  const memo = memoOf(db);
  if (!memo) return load();
  let calendar = memo.calendars.get(at.jurisdictionId);
  if (!calendar) memo.calendars.set(at.jurisdictionId, (calendar = load()));
  return calendar;
}

/**
 * After-hours protection of a recorded call event (issue 10 §5, DESIGN §7): the CTI service's
 * after-record hook, in the event's own transaction, so a task exists exactly when its call
 * does. A call to a direct or staffed line offered outside the line's hours, or ending
 * unanswered, becomes (or joins) the caller's open callback task for the line (one open task
 * per caller and line; a call is attached once). Answered calls during hours, which are most
 * events, cost nothing but the batch's one read of the line.
 */
export async function fileCallbackTask(tx: TxContext, r: RecordedCallEvent & { voicemailUrl?: string | null }): Promise<void> {
  if (r.direction !== 'in' || r.lineId === null || r.callerBidx === null || r.callerEnc === null) return;
  const outcome = r.state.outcome;
  if (r.event !== 'newCall' && !(outcome !== null && ENDED_UNANSWERED.has(outcome)) && !r.voicemailUrl) return;
  const line = await lineOf(tx.db, r.lineId);
  if (!line || (line.mode !== 'direct' && line.mode !== 'staffed')) return;
  const calendar = await calendarFor(tx.db, line, line.hours);
  const afterHours = isAfterHours(line.hours, calendar, new Date(r.state.offeredAt));
  const reason = callbackReason({ mode: line.mode, hasCaller: true, afterHours, outcome, waitSeconds: r.state.waitSeconds });
  if (!reason && !r.voicemailUrl) return;
  const voicemail = r.voicemailUrl ? { voicemail_enc: tx.pii.encrypt(r.voicemailUrl) } : {};
  const attachedTo = await attachmentOf(tx.db, r);
  if (attachedTo || !reason) {
    // A later event of a filed call (the hangup of an after-hours call) may bring the voicemail link.
    if (attachedTo && r.voicemailUrl) await updateTask(tx.db, attachedTo, { ...voicemail, updated_at: nowIso() });
    return;
  }
  const taskId = await fileCall(tx, line, { callId: r.callId, callerEnc: r.callerEnc, callerBidx: r.callerBidx, offeredAt: r.state.offeredAt, reason, calendar, voicemail });
  memoOf(tx.db)?.attached.set(r.callId, taskId);
}

/**
 * The task a call is attached to. A call this batch made has only what this batch attached to
 * it, so it needs no read (most newCalls: a round trip saved per event on PostgreSQL).
 */
async function attachmentOf(db: Db, r: RecordedCallEvent): Promise<string | null> {
  const memo = memoOf(db);
  const attached = memo?.attached.get(r.callId);
  if (attached) return attached;
  return memo && r.callIsNew ? null : findAttachment(db, r.callId);
}

/**
 * Opens the caller's task for the line or joins the open one (a repeat call joins it, its
 * deadline stands), and attaches the call. The call is not attached yet (attachmentOf) and this
 * transaction holds it (locked on PostgreSQL, or made by this batch; SQLite has one writer), so
 * an attach that finds it attached means the count just made is wrong: the batch rolls back.
 */
async function fileCall(
  tx: TxContext,
  line: Line,
  o: { callId: string; callerEnc: string; callerBidx: string; offeredAt: string; reason: CallbackReason; calendar: WorkingCalendar; voicemail: { voicemail_enc?: string } },
): Promise<string> {
  const at = nowIso();
  const deadline = callbackDeadline({ hours: line.hours, calendar: o.calendar, at: new Date(o.offeredAt), withinMinutes: line.withinMinutes ?? DEFAULT_CALLBACK_POLICY.withinMinutes });
  const taskId = await countIntoOpenTask(tx.db, {
    id: newId(), jurisdiction_id: line.jurisdictionId, line_id: line.lineId, caller_enc: o.callerEnc, caller_bidx: o.callerBidx, open_key: `${line.lineId}:${o.callerBidx}`,
    status: 'open', reason: o.reason, first_call_at: o.offeredAt, last_call_at: o.offeredAt, voicemail_enc: o.voicemail.voicemail_enc ?? null, call_count: 1,
    assignee_user_id: line.ownerUserId, unit_id: line.callbackUnitId ?? line.ownerUnitId, due_at: nowIso(deadline.dueAt), remind_at: nowIso(deadline.remindAt),
    deadline_clock: deadline.clock, reminded_at: null, overdue_at: null, first_attempt_at: null, outcome: null, case_id: null, closed_at: null,
    closed_by: null, created_at: at, updated_at: at,
  });
  if (!(await attachCall(tx.db, { call_id: o.callId, task_id: taskId, attached_at: at }))) throw new Error(`call ${o.callId} was attached to a callback task meanwhile`);
  return taskId;
}

/**
 * What the phone system is told for a newCall to a direct or staffed line outside its hours
 * whose after-hours desk is set: forward there (DESIGN §7: after hours a direct line goes to the
 * after-hours queue, not to the official's phone). Decided in the batch that records the event,
 * from the call as stored (so a repeated newCall is told the same again) and the line as the
 * batch read it once (no read of its own per newCall); any other answer (a reject) stands.
 */
export async function answerAfterHours(tx: TxContext, call: { lineId: string | null; offeredAt: string }, answer: CtiAnswer): Promise<CtiAnswer> {
  if ('action' in answer || call.lineId === null) return answer;
  const line = await lineOf(tx.db, call.lineId);
  if (!line?.afterHoursNumber || (line.mode !== 'direct' && line.mode !== 'staffed')) return answer;
  const calendar = await calendarFor(tx.db, line, line.hours);
  return isAfterHours(line.hours, calendar, new Date(call.offeredAt)) ? { action: 'forward', destination: line.afterHoursNumber } : answer;
}
