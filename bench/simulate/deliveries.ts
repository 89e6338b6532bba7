// What a PBX bridge delivers for simulated calls: each call's Zammad CTI events at their
// moments, with the faults real bridges have (issue 10 §1, §6; ADR 0017).
import type { CallOutcome, Random, SimulatedCall } from '@openline/core';
import { encode } from '../cti/plan.js';

export interface Delivery {
  /** Simulated moment of delivery (ms since the epoch). */
  atMs: number;
  callId: string;
  event: 'newCall' | 'answer' | 'hangup';
  form: boolean;
  body: string;
  /** A repeated delivery of an event already sent. */
  duplicate: boolean;
}

export interface PlannedCallDeliveries {
  callId: string;
  call: SimulatedCall;
  /** In delivery order: a bridge sends one call's events one after the other. */
  deliveries: Delivery[];
  /** The answer reached us after the hangup: the server keeps it but counts the call unanswered. */
  lateAnswer: boolean;
  /** The hangup reached us before the newCall. */
  hangupFirst: boolean;
  /** The outcome the server must record (ADR 0017's fold of events in arrival order). */
  expected: CallOutcome;
}

export interface FaultRates {
  /** Share of events delivered twice. */
  duplicate: number;
  /** Share of answered calls whose answer arrives after the hangup. */
  lateAnswer: number;
  /** Share of calls whose hangup arrives before their newCall. */
  hangupFirst: number;
  /** Share of calls a bridge posts as forms (Zammad's own format) rather than JSON. */
  form: number;
}

export const DEFAULT_FAULTS: FaultRates = { duplicate: 0.03, lateAnswer: 0.03, hangupFirst: 0.01, form: 0.5 };

const SECOND = 1000;

/** Zammad's `user` on newCall: the operators the call rings for. */
function newCallFields(base: Record<string, string>, users: readonly string[]): Record<string, string | string[]> {
  return users.length > 0 ? { ...base, event: 'newCall', user: [...users] } : { ...base, event: 'newCall' };
}

/**
 * Each call's events with their delivery moments: newCall at the offer, answer after the wait,
 * hangup at the end; then the faults: duplicates 0.5–5 s later, answers held back until after
 * the hangup, hangups that overtake their newCall (a short call whose offer was retried).
 */
export function planDeliveries(o: {
  calls: readonly SimulatedCall[];
  lineNumbers: readonly string[];
  users: readonly string[];
  runId: string;
  random: Random;
  faults?: FaultRates;
}): PlannedCallDeliveries[] {
  const f = o.faults ?? DEFAULT_FAULTS;
  const r = o.random;
  return o.calls.map((call, i) => {
    const callId = `${o.runId}-${i}`;
    const form = r() < f.form;
    const line = o.lineNumbers[call.line] ?? '';
    const citizen = call.citizen ?? 'anonymous';
    const base = call.direction === 'in' ? { direction: 'in', from: citizen, to: line, call_id: callId } : { direction: 'out', from: line, to: citizen, call_id: callId };
    const answered = call.outcome === 'answered' || call.outcome === 'voicemail';
    const answerAt = call.offeredAtMs + call.waitSeconds * SECOND;
    const endAt = answerAt + call.talkSeconds * SECOND;
    const events: Array<{ atMs: number; event: Delivery['event']; fields: Record<string, string | string[]> }> = [
      { atMs: call.offeredAtMs, event: 'newCall', fields: newCallFields(base, call.direction === 'in' ? o.users : []) },
    ];
    if (answered) events.push({ atMs: answerAt, event: 'answer', fields: { ...base, event: 'answer', user: call.answeredBy ?? 'operator', answeringNumber: call.outcome === 'voicemail' ? 'voicemail' : '201' } });
    events.push({ atMs: endAt, event: 'hangup', fields: { ...base, event: 'hangup', cause: call.cause } });

    const lateAnswer = answered && r() < f.lateAnswer;
    const answer = events[1];
    if (lateAnswer && answer) answer.atMs = endAt + Math.round((1 + r() * 2) * SECOND);
    const hangupFirst = !lateAnswer && r() < f.hangupFirst;
    if (hangupFirst) (events[0] as { atMs: number }).atMs = endAt + SECOND;

    const deliveries: Delivery[] = [];
    for (const e of events) {
      const body = encode(e.fields, form);
      deliveries.push({ atMs: e.atMs, callId, event: e.event, form, body, duplicate: false });
      if (r() < f.duplicate) deliveries.push({ atMs: e.atMs + Math.round((0.5 + r() * 4.5) * SECOND), callId, event: e.event, form, body, duplicate: true });
    }
    deliveries.sort((a, b) => a.atMs - b.atMs);
    // A late answer leaves a normally cleared call unanswered; it then counts as missed (ADR 0017).
    const expected: CallOutcome = lateAnswer ? 'missed' : call.outcome;
    return { callId, call, deliveries, lateAnswer, hangupFirst, expected };
  });
}
