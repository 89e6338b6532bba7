import {
  callbackDeadline,
  callbackReason,
  CALL_OUTCOMES,
  createWorkingCalendar,
  DEFAULT_CALLBACK_POLICY,
  isAfterHours,
  type CallOutcome,
  type LineServiceHours,
  type WorkingCalendar,
} from '@openline/core';
import { Transaction, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import type { TxContext } from '../../lib/unit-of-work.js';
import { loadWorkingCalendar } from '../calendar/load.js';
import { serviceHoursSchema } from '../lines/presenter.js';
import type { CtiEvent } from '../telephony/cti-input.js';
import type { CtiAnswer, RecordedCallEvent } from '../telephony/cti-service.js';
import { attachCall, countAttachedCall, findAttachment, findCallForProtection, insertTaskIfNoneOpen, lockOpenTask, updateTask } from './repository.js';

/** Zammad's answers extended (ADR 0022): forward a newCall outside the line's hours to its after-hours desk. */
export interface ForwardAnswer {
  action: 'forward';
  destination: string;
}

const ENDED_UNANSWERED: ReadonlySet<CallOutcome> = new Set(['missed', 'abandoned', 'busy', 'voicemail']);

type Call = NonNullable<Awaited<ReturnType<typeof findCallForProtection>>>;

const knownOutcome = (value: string | null): CallOutcome | null => CALL_OUTCOMES.find((known) => known === value) ?? null;

function hoursOf(call: Call): LineServiceHours {
  return serviceHoursSchema.parse(JSON.parse(call.serviceHours)) as LineServiceHours;
}

/**
 * A line that keeps its hours on holidays needs no statutory calendar (two reads saved per
 * call); otherwise the jurisdiction's, read once per CTI batch (keyed by its transaction).
 */
const calendarsOfBatch = new WeakMap<object, Map<string, Promise<WorkingCalendar>>>();
function calendarFor(db: Kysely<DB> | Transaction<DB>, call: Call, hours: LineServiceHours): Promise<WorkingCalendar> {
  if (hours.onHolidays === 'open' && Object.values(hours.weekly).some((spans) => spans.length > 0)) {
    return Promise.resolve(createWorkingCalendar({ timeZone: call.timeZone }));
  }
  if (!(db instanceof Transaction)) return loadWorkingCalendar(db, { id: call.jurisdictionId, timezone: call.timeZone });
  const byJurisdiction = calendarsOfBatch.get(db) ?? new Map<string, Promise<WorkingCalendar>>();
  calendarsOfBatch.set(db, byJurisdiction);
  let calendar = byJurisdiction.get(call.jurisdictionId);
  if (!calendar) {
    calendar = loadWorkingCalendar(db, { id: call.jurisdictionId, timezone: call.timeZone });
    byJurisdiction.set(call.jurisdictionId, calendar);
  }
  return calendar;
}

/**
 * After-hours protection of a recorded call event (issue 10 §5, DESIGN §7): the CTI service's
 * after-record hook, in the event's own transaction, so a task exists exactly when its call
 * does. A call to a direct or staffed line offered outside the line's hours, or ending
 * unanswered, becomes (or joins) the caller's open callback task for the line (one open task
 * per caller and line; a call is attached once). Answered calls during hours, which are most
 * events, return before any read.
 */
export async function fileCallbackTask(tx: TxContext, r: RecordedCallEvent & { voicemailUrl?: string | null }): Promise<void> {
  if (r.direction !== 'in' || r.lineId === null || r.callerBidx === null) return;
  const outcome = r.state.outcome;
  if (r.event !== 'newCall' && !(outcome !== null && ENDED_UNANSWERED.has(outcome)) && !r.voicemailUrl) return;
  const call = await findCallForProtection(tx.db, { id: r.callId });
  if (!call || (call.mode !== 'direct' && call.mode !== 'staffed')) return;
  const hours = hoursOf(call);
  const calendar = await calendarFor(tx.db, call, hours);
  const afterHours = isAfterHours(hours, calendar, new Date(call.offeredAt));
  const reason = callbackReason({ mode: call.mode, hasCaller: call.callerBidx !== null, afterHours, outcome: knownOutcome(call.outcome), waitSeconds: call.waitSeconds });
  const voicemail = r.voicemailUrl ? { voicemail_enc: tx.pii.encrypt(r.voicemailUrl) } : {};
  const attachedTo = await findAttachment(tx.db, call.callId);
  if (attachedTo || !reason) {
    // A later event of a filed call (the hangup of an after-hours call) may bring the voicemail link.
    if (attachedTo && r.voicemailUrl) await updateTask(tx.db, attachedTo, { ...voicemail, updated_at: nowIso() });
    return;
  }
  await fileCall(tx, call, { reason, hours, calendar, voicemail });
}

async function fileCall(tx: TxContext, call: Call, o: { reason: string; hours: LineServiceHours; calendar: WorkingCalendar; voicemail: { voicemail_enc?: string } }): Promise<void> {
  const { callerEnc, callerBidx, lineId } = call;
  if (callerEnc === null || callerBidx === null || lineId === null) return;
  const at = nowIso();
  const openKey = `${lineId}:${callerBidx}`;
  const deadline = callbackDeadline({ hours: o.hours, calendar: o.calendar, at: new Date(call.offeredAt), withinMinutes: call.withinMinutes ?? DEFAULT_CALLBACK_POLICY.withinMinutes });
  await insertTaskIfNoneOpen(tx.db, {
    id: newId(), jurisdiction_id: call.jurisdictionId, line_id: lineId, caller_enc: callerEnc, caller_bidx: callerBidx, open_key: openKey,
    status: 'open', reason: o.reason, first_call_at: call.offeredAt, last_call_at: call.offeredAt, voicemail_enc: null,
    assignee_user_id: call.ownerUserId, unit_id: call.callbackUnitId ?? call.ownerUnitId, due_at: nowIso(deadline.dueAt), remind_at: nowIso(deadline.remindAt),
    deadline_clock: deadline.clock, reminded_at: null, overdue_at: null, first_attempt_at: null, outcome: null, case_id: null, closed_at: null,
    closed_by: null, created_at: at, updated_at: at,
  });
  // The caller's open task for the line, new or not: a repeat call joins it, its deadline stands.
  const task = await lockOpenTask(tx.db, tx.dialect, openKey);
  if (await attachCall(tx.db, { call_id: call.callId, task_id: task.id, attached_at: at })) {
    await countAttachedCall(tx.db, task.id, { lastCallAt: call.offeredAt > task.lastCallAt ? call.offeredAt : task.lastCallAt, updatedAt: at });
  }
  if (o.voicemail.voicemail_enc) await updateTask(tx.db, task.id, { ...o.voicemail, updated_at: at });
}

/**
 * What the phone system is told for a newCall to a direct or staffed line outside its hours
 * whose after-hours desk is set: forward there (DESIGN §7: after hours a direct line goes to the
 * after-hours queue, not to the official's phone). Read after the event committed, so a
 * repeated newCall is told the same again; any other answer (a reject) stands.
 */
export async function answerAfterHours(ctx: AppContext, o: { jurisdictionId: string; event: CtiEvent; answer: CtiAnswer }): Promise<CtiAnswer> {
  if (o.event.event !== 'newCall' || o.event.direction !== 'in' || 'action' in o.answer) return o.answer;
  const call = await findCallForProtection(ctx.db, { jurisdictionId: o.jurisdictionId, externalId: o.event.callId });
  if (!call?.afterHoursNumber || (call.mode !== 'direct' && call.mode !== 'staffed')) return o.answer;
  const hours = hoursOf(call);
  const calendar = await calendarFor(ctx.db, call, hours);
  return isAfterHours(hours, calendar, new Date(call.offeredAt)) ? { action: 'forward', destination: call.afterHoursNumber } : o.answer;
}
