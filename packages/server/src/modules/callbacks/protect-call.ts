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
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { loadWorkingCalendar } from '../calendar/load.js';
import { serviceHoursSchema } from '../lines/presenter.js';
import { attachCall, countAttachedCall, findAttachment, findCallForProtection, insertTaskIfNoneOpen, lockOpenTask, updateTask } from './repository.js';

/** Zammad's answers extended (ADR 0022): forward a newCall outside the line's hours to its after-hours desk. */
export interface ForwardAnswer {
  action: 'forward';
  destination: string;
}

export interface ProtectCallInput {
  jurisdictionId: string;
  /** The phone system's call id (the call row was written by the event just received). */
  externalId: string;
  event: 'newCall' | 'answer' | 'hangup';
  /** The caller is blocked: the call was rejected, nothing to protect. */
  rejected: boolean;
  /** The PBX's voicemail or recording link, when the event carries one. */
  voicemailUrl: string | null;
}

const ENDED_UNANSWERED: ReadonlySet<CallOutcome> = new Set(['missed', 'abandoned', 'busy', 'voicemail']);

type Call = NonNullable<Awaited<ReturnType<typeof findCallForProtection>>>;

/**
 * After-hours protection of a call just recorded (issue 10 §5, DESIGN §7), the one step the CTI
 * service takes into this module. A call to a direct or staffed line that comes outside the
 * line's hours, or ends unanswered, becomes (or joins) the caller's open callback task for the
 * line; a newCall outside hours is told to forward to the line's after-hours desk when one is set.
 * Idempotent, so it runs for repeated deliveries too (and heals a task lost to a crash between
 * the call's commit and this one): a call is attached to a task once (callback_calls' key), and
 * the same newCall is told the same forward again.
 */
export async function protectCall(ctx: AppContext, o: ProtectCallInput): Promise<ForwardAnswer | null> {
  if (o.rejected) return null;
  const call = await findCallForProtection(ctx.db, { jurisdictionId: o.jurisdictionId, externalId: o.externalId });
  if (!call || call.direction !== 'in' || (call.mode !== 'direct' && call.mode !== 'staffed')) return null;
  // Most events are of answered calls inside hours: settle those without reading the calendar.
  const outcome = CALL_OUTCOMES.find((known) => known === call.outcome) ?? null;
  const unanswered = outcome !== null && ENDED_UNANSWERED.has(outcome);
  if (o.event !== 'newCall' && !unanswered) return null;
  const hours = serviceHoursSchema.parse(JSON.parse(call.serviceHours)) as LineServiceHours;
  const calendar = await calendarFor(ctx, call, hours);
  const afterHours = isAfterHours(hours, calendar, new Date(call.offeredAt));
  const reason = callbackReason({ mode: call.mode, hasCaller: call.callerBidx !== null, afterHours, outcome, waitSeconds: call.waitSeconds });
  if (reason) await fileCallback(ctx, call, { reason, hours, calendar, voicemailUrl: o.voicemailUrl });
  return o.event === 'newCall' && afterHours && call.afterHoursNumber ? { action: 'forward', destination: call.afterHoursNumber } : null;
}

/** A line that keeps its hours on holidays needs no statutory calendar (two reads saved per call). */
async function calendarFor(ctx: AppContext, call: Call, hours: LineServiceHours): Promise<WorkingCalendar> {
  if (hours.onHolidays === 'open' && Object.values(hours.weekly).some((spans) => spans.length > 0)) return createWorkingCalendar({ timeZone: call.timeZone });
  return loadWorkingCalendar(ctx.db, { id: call.jurisdictionId, timezone: call.timeZone });
}

async function fileCallback(
  ctx: AppContext,
  call: Call,
  o: { reason: string; hours: LineServiceHours; calendar: WorkingCalendar; voicemailUrl: string | null },
): Promise<void> {
  const { callerEnc, callerBidx, lineId } = call;
  if (callerEnc === null || callerBidx === null || lineId === null) return;
  const at = nowIso();
  const voicemail = o.voicemailUrl ? { voicemail_enc: ctx.pii.encrypt(o.voicemailUrl) } : {};
  await inTransaction(ctx, async ({ db }) => {
    const attachedTo = await findAttachment(db, call.callId);
    if (attachedTo) {
      if (o.voicemailUrl) await updateTask(db, attachedTo, { ...voicemail, updated_at: at });
      return;
    }
    const openKey = `${lineId}:${callerBidx}`;
    const deadline = callbackDeadline({ hours: o.hours, calendar: o.calendar, at: new Date(call.offeredAt), withinMinutes: call.withinMinutes ?? DEFAULT_CALLBACK_POLICY.withinMinutes });
    await insertTaskIfNoneOpen(db, {
      id: newId(), jurisdiction_id: call.jurisdictionId, line_id: lineId, caller_enc: callerEnc, caller_bidx: callerBidx, open_key: openKey,
      status: 'open', reason: o.reason, first_call_at: call.offeredAt, last_call_at: call.offeredAt, voicemail_enc: null,
      assignee_user_id: call.ownerUserId, unit_id: call.callbackUnitId ?? call.ownerUnitId, due_at: nowIso(deadline.dueAt), remind_at: nowIso(deadline.remindAt),
      deadline_clock: deadline.clock, reminded_at: null, overdue_at: null, first_attempt_at: null, outcome: null, case_id: null, closed_at: null,
      closed_by: null, created_at: at, updated_at: at,
    });
    // The caller's open task for the line, new or not: a repeat call joins it, its deadline stands.
    const task = await lockOpenTask(db, ctx.dialect, openKey);
    if (await attachCall(db, { call_id: call.callId, task_id: task.id, attached_at: at })) {
      await countAttachedCall(db, task.id, { lastCallAt: call.offeredAt > task.lastCallAt ? call.offeredAt : task.lastCallAt, updatedAt: at });
    }
    if (o.voicemailUrl) await updateTask(db, task.id, { ...voicemail, updated_at: at });
  });
}
