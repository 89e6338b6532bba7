import {
  callbackDeadline,
  callbackReason,
  callbackWorkers,
  createWorkingCalendar,
  DEFAULT_CALLBACK_POLICY,
  isAfterHours,
  serviceHoursSchema,
  type CallbackReason,
  type CallOutcome,
  type LineServiceHours,
  type WorkingCalendar,
} from '@openline/core';
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { CallbackTaskTable, DB } from '../../db/schema.js';
import { newId, nowIso } from '../../lib/ids.js';
import type { TxContext } from '../../lib/unit-of-work.js';
import { loadWorkingCalendar, workingCalendarOf } from '../calendar/load.js';
import type { CtiAnswer, RecordedCallEvent } from '../telephony/cti-service.js';
import { pgFileTasks, pgProtectionReads } from './protect-call-pg.js';
import { attachCalls, countIntoOpenTasks, findAttachments, findLineProtections, updateTask, type TaskKey } from './repository.js';

/** Zammad's answers extended (ADR 0022): forward a newCall outside the line's hours to its after-hours desk. */
export interface ForwardAnswer {
  action: 'forward';
  destination: string;
}

const ENDED_UNANSWERED: ReadonlySet<CallOutcome> = new Set(['missed', 'abandoned', 'busy', 'voicemail']);

type LineRow = Awaited<ReturnType<typeof findLineProtections>>[number];
interface Line extends LineRow {
  hours: LineServiceHours;
}
type Db = Kysely<DB> | Transaction<DB>;

const hoursOf = (serviceHours: string): LineServiceHours => serviceHoursSchema.parse(JSON.parse(serviceHours)) as LineServiceHours;

/** A line that keeps its weekly hours on holidays needs no statutory calendar. */
const needsNoCalendar = (line: Line): boolean => line.hours.onHolidays === 'open' && Object.values(line.hours.weekly).some((spans) => spans.length > 0);

/** What a batch's protection reads, once per batch: the lines' settings, calendars, earlier calls' attachments. */
interface Reads {
  lines: Map<string, Line>;
  calendarOf(line: Line): Promise<WorkingCalendar>;
  /** Of the calls (not made by this batch), the tasks they are attached to. */
  attachments(callIds: readonly string[]): Promise<Map<string, string>>;
}

const linesOf = (rows: readonly LineRow[]): Map<string, Line> => new Map(rows.map((row): [string, Line] => [row.lineId, { ...row, hours: hoursOf(row.serviceHours) }]));

/** PostgreSQL: one named statement for all three (protect-call-pg.ts); `callIds` are every earlier call that may be filed. */
async function readAtOnce(db: Kysely<DB>, lineIds: readonly string[], callIds: readonly string[]): Promise<Reads> {
  const r = await pgProtectionReads(db, { lineIds, callIds });
  return {
    lines: linesOf(r.lines),
    calendarOf: (line) => Promise.resolve(needsNoCalendar(line) ? createWorkingCalendar({ timeZone: line.timeZone }) : workingCalendarOf(r.years.get(line.jurisdictionId) ?? [], line.timeZone)),
    attachments: () => Promise.resolve(r.attached),
  };
}

/** SQLite: a statement each when needed (in-process, no round trip to save). */
async function readOneByOne(db: Db, lineIds: readonly string[]): Promise<Reads> {
  const calendars = new Map<string, Promise<WorkingCalendar>>();
  return {
    lines: linesOf(await findLineProtections(db, lineIds)),
    calendarOf(line) {
      if (needsNoCalendar(line)) return Promise.resolve(createWorkingCalendar({ timeZone: line.timeZone }));
      let calendar = calendars.get(line.jurisdictionId);
      if (!calendar) calendars.set(line.jurisdictionId, (calendar = loadWorkingCalendar(db, { id: line.jurisdictionId, timezone: line.timeZone })));
      return calendar;
    },
    attachments: (callIds) => findAttachments(db, callIds),
  };
}

/** A newCall the phone system is answering: the call as stored (so a repeat is told the same again) and the answer so far. */
export interface OfferToAnswer {
  lineId: string | null;
  offeredAt: string;
  answer: CtiAnswer;
}

/**
 * After-hours protection of a CTI batch (issue 10 §5, DESIGN §7), in the batch's transaction, so a
 * task exists exactly when its call does:
 * - each recorded event of a call to a direct or staffed line offered outside the line's hours, or
 *   ending unanswered, files the call into (or joins it to) the caller's open callback task for the
 *   line (one open task per caller and line; a call is attached once);
 * - each inbound newCall to such a line outside its hours whose after-hours desk is set is answered
 *   with a forward there (DESIGN §7: after hours a direct line goes to the after-hours queue, not to
 *   the official's phone); any other answer (a reject) stands.
 * The batch costs a fixed number of statements whatever its size (ADR 0041's amendment, issue 10
 * §6): the lines' settings in one read, each jurisdiction's calendar once, the attachments of the
 * batch's earlier calls in one read, then all filings in one upsert and one attach. The events are
 * taken in arrival order and folded as filing them one by one would (a second call of the same
 * caller and line joins the task the first one opened; a later voicemail link replaces an earlier).
 * Answers the offers' answers, in order.
 */
export async function protectCalls(tx: TxContext, o: { recorded: readonly RecordedCallEvent[]; offers: readonly OfferToAnswer[] }): Promise<CtiAnswer[]> {
  const candidates = o.recorded.filter(mayFile);
  const offers = o.offers.filter((x) => !('action' in x.answer) && x.lineId !== null);
  const lineIds = [...new Set([...candidates.map((r) => r.lineId), ...offers.map((x) => x.lineId)])].filter((id): id is string => id !== null);
  if (lineIds.length === 0) return o.offers.map((x) => x.answer);
  const reads = tx.dialect === 'postgres'
    ? await readAtOnce(tx.db, lineIds, [...new Set(candidates.filter((r) => !r.callIsNew).map((r) => r.callId))])
    : await readOneByOne(tx.db, lineIds);
  const protectedLine = (lineId: string | null): Line | null => {
    const line = lineId === null ? undefined : reads.lines.get(lineId);
    return line && (line.mode === 'direct' || line.mode === 'staffed') ? line : null;
  };

  const filings: Filing[] = [];
  for (const r of candidates) {
    const line = protectedLine(r.lineId);
    if (!line) continue;
    const calendar = await reads.calendarOf(line);
    const afterHours = isAfterHours(line.hours, calendar, new Date(r.state.offeredAt));
    const reason = callbackReason({ mode: line.mode, hasCaller: true, afterHours, outcome: r.state.outcome, waitSeconds: r.state.waitSeconds });
    if (reason || r.voicemailUrl) filings.push({ r, line, calendar, reason });
  }
  await fileCalls(tx, reads, filings);

  const answers: CtiAnswer[] = [];
  for (const x of o.offers) {
    const line = protectedLine(x.lineId);
    if ('action' in x.answer || !line?.afterHoursNumber) {
      answers.push(x.answer);
      continue;
    }
    const calendar = await reads.calendarOf(line);
    answers.push(isAfterHours(line.hours, calendar, new Date(x.offeredAt)) ? { action: 'forward', destination: line.afterHoursNumber } : x.answer);
  }
  return answers;
}

/** An event that may file its call, before its line is read: inbound, to a line, from a known caller, offered, ended unanswered or with a voicemail link. */
function mayFile(r: RecordedCallEvent): r is RecordedCallEvent & { lineId: string; callerBidx: string; callerEnc: string } {
  if (r.direction !== 'in' || r.lineId === null || r.callerBidx === null || r.callerEnc === null) return false;
  const outcome = r.state.outcome;
  return r.event === 'newCall' || (outcome !== null && ENDED_UNANSWERED.has(outcome)) || r.voicemailUrl !== null;
}

interface Filing {
  r: RecordedCallEvent & { callerBidx: string; callerEnc: string };
  line: Line;
  calendar: WorkingCalendar;
  reason: CallbackReason | null;
}

/** The open task a batch's filings of one line and caller count into: opened by the first, joined by the rest. */
interface TaskGroup {
  row: Insertable<CallbackTaskTable> & { open_key: string; call_count: number };
  calls: string[];
  /** Arrival order (in the batch) of the last filing that gave a voicemail link, or -1. */
  voicemailAt: number;
}

/**
 * Files the batch's calls: a call not attached yet with a reason joins (or opens) its caller's
 * task for the line; a call already attached that brings a voicemail link sets it on its task.
 * The calls are held by this transaction (locked on PostgreSQL, or made by this batch; SQLite has
 * one writer), so an attach that finds a call attached means the count just made is wrong: the
 * batch rolls back (and is retried event by event, ADR 0023).
 */
async function fileCalls(tx: TxContext, reads: Reads, filings: readonly Filing[]): Promise<void> {
  if (filings.length === 0) return;
  // A call this batch made has only what this batch attached to it: only earlier calls are read.
  const earlier = await reads.attachments([...new Set(filings.filter((f) => !f.r.callIsNew).map((f) => f.r.callId))]);
  const at = nowIso();
  const groups = new Map<string, TaskGroup>();
  const groupOfCall = new Map<string, TaskGroup>();
  const voicemails: Array<{ task: TaskKey; voicemailEnc: string; index: number; group: TaskGroup | undefined }> = [];
  filings.forEach(({ r, line, calendar, reason }, index) => {
    const voicemailEnc = r.voicemailUrl ? tx.pii.encrypt(r.voicemailUrl) : null;
    const key = `${line.lineId}:${r.callerBidx}`;
    const joined = groupOfCall.get(r.callId);
    const attachedTo = earlier.get(r.callId);
    if (joined || attachedTo || !reason) {
      // A later event of a filed call (the hangup of an after-hours call) may bring the voicemail link.
      if (voicemailEnc === null) return;
      if (joined) Object.assign(joined, { voicemailAt: index }).row.voicemail_enc = voicemailEnc;
      // The task of a call to this line is in the line's jurisdiction.
      else if (attachedTo) voicemails.push({ task: { jurisdictionId: line.jurisdictionId, id: attachedTo }, voicemailEnc, index, group: groups.get(key) });
      return;
    }
    let group = groups.get(key);
    if (group) {
      group.row.call_count++;
      if (r.state.offeredAt > (group.row.last_call_at ?? '')) group.row.last_call_at = r.state.offeredAt;
      if (voicemailEnc !== null) Object.assign(group, { voicemailAt: index }).row.voicemail_enc = voicemailEnc;
    } else {
      const workers = callbackWorkers(line);
      const deadline = callbackDeadline({ hours: line.hours, calendar, at: new Date(r.state.offeredAt), withinMinutes: line.withinMinutes ?? DEFAULT_CALLBACK_POLICY.withinMinutes });
      group = {
        calls: [], voicemailAt: voicemailEnc === null ? -1 : index,
        row: {
          id: newId(), jurisdiction_id: line.jurisdictionId, line_id: line.lineId, caller_enc: r.callerEnc, caller_bidx: r.callerBidx, open_key: key,
          status: 'open', reason, first_call_at: r.state.offeredAt, last_call_at: r.state.offeredAt, voicemail_enc: voicemailEnc, call_count: 1,
          assignee_user_id: workers.assigneeUserId, unit_id: workers.unitId, due_at: nowIso(deadline.dueAt), remind_at: nowIso(deadline.remindAt),
          deadline_clock: deadline.clock, reminded_at: null, overdue_at: null, first_attempt_at: null, outcome: null, case_id: null, closed_at: null,
          closed_by: null, created_at: at, updated_at: at,
        },
      };
      groups.set(key, group);
    }
    group.calls.push(r.callId);
    groupOfCall.set(r.callId, group);
  });

  // A task of an earlier call may be the open task this batch counts into (same line and caller):
  // its link is set before the upsert when a filing after it gives one (which then wins), after it otherwise.
  const setVoicemail = (v: (typeof voicemails)[number]) => updateTask(tx.db, v.task, { voicemail_enc: v.voicemailEnc, updated_at: at });
  for (const v of voicemails) if (v.group && v.group.voicemailAt > v.index) await setVoicemail(v);
  const attach = [...groups.values()].flatMap((g) => g.calls.map((call): [string, string] => [call, g.row.open_key]));
  const attached = await fileTasks(tx, [...groups.values()].map((g) => g.row), attach, at);
  for (const v of voicemails) if (!(v.group && v.group.voicemailAt > v.index)) await setVoicemail(v);
  if (attached !== attach.length) throw new Error('a call of this batch was attached to a callback task meanwhile');
}

/** Counts the calls into their open tasks and attaches them (by open_key); answers how many were attached. */
async function fileTasks(tx: TxContext, rows: ReadonlyArray<TaskGroup['row']>, attach: ReadonlyArray<[string, string]>, at: string): Promise<number> {
  if (tx.dialect === 'postgres') return pgFileTasks(tx.db, { tasks: rows, attach, at });
  const taskIds = await countIntoOpenTasks(tx.db, rows);
  return attachCalls(tx.db, attach.map(([call_id, key]) => ({ call_id, task_id: taskIds.get(key) ?? '', attached_at: at })));
}
