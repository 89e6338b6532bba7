import { foldCall, planSimulatedCalls, seededRandom, type CallEventFact, type SimulatedCall, type SimulatedLine } from '@openline/core';
import type { Insertable, Transaction } from 'kysely';
import type { CallEventTable, CallRecordTable, DB } from '../db/schema.js';
import type { PiiCipher } from '../crypto/pii.js';
import { newId, nowIso } from '../lib/ids.js';
import { stateColumns } from '../modules/telephony/call-state.js';
import { sealParty } from '../modules/telephony/parties.js';
import { DAY, HOUR } from './clock.js';
import { DEMO_SEED } from './generator.js';
import { DEMO_LINES, type DemoLineKey } from './staff.js';

/**
 * A month of calls on the demo's three voice lines (issue 10 §6), from core's call model
 * (the simulator's too): the 12345 hotline is well staffed but had an understaffed week ten
 * to seventeen days ago, so its monthly answer rate dips while its last 24 h are fine; the
 * mayor's line is answered from 08:00 to 22:00; the district head's direct line is cold: in
 * meetings a third of the time, and nobody at all outside office hours (voicemail or nothing).
 */
export const DEMO_CALL_DAYS = 30;
const SPAN_MS = DEMO_CALL_DAYS * DAY;
const UTC_OFFSET_HOURS = 8;
const WEEKDAYS = new Set([1, 2, 3, 4, 5]);

/** Minutes since local midnight and local weekday (0 = Sunday). Holidays are ignored: it is a demo. */
function local(atMs: number): { minutes: number; weekday: number } {
  const d = new Date(atMs + UTC_OFFSET_HOURS * HOUR);
  return { minutes: d.getUTCHours() * 60 + d.getUTCMinutes(), weekday: d.getUTCDay() };
}
const between = (m: number, from: string, to: string): boolean => {
  const at = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  return m >= at(from) && m < at(to);
};

/** The lines' call behaviour, matching their published hours in staff.ts. */
const PROFILES: ReadonlyArray<{ key: DemoLineKey; users: string[]; segments: (nowMs: number) => Array<{ fromMs: number; toMs: number; line: Omit<SimulatedLine, 'number'> }> }> = [
  {
    key: 'hotline', users: ['operator'],
    segments: (now) => {
      const fine = { peakCallsPerHour: 8, answerRate: 0.996, waitSeconds: [2, 12] as const };
      const badFrom = now - 17 * DAY;
      const badTo = now - 10 * DAY;
      return [
        { fromMs: now - SPAN_MS, toMs: badFrom, line: fine },
        { fromMs: badFrom, toMs: badTo, line: { peakCallsPerHour: 8, answerRate: 0.86, waitSeconds: [6, 40] } },
        { fromMs: badTo, toMs: now, line: fine },
      ];
    },
  },
  {
    key: 'mayor', users: ['operator'],
    segments: (now) => [{
      fromMs: now - SPAN_MS, toMs: now,
      line: { peakCallsPerHour: 3, answerRate: 0.998, waitSeconds: [3, 12], isOpen: (at) => between(local(at).minutes, '08:00', '22:00') },
    }],
  },
  {
    key: 'district_head', users: ['区长'],
    segments: (now) => [{
      fromMs: now - SPAN_MS, toMs: now,
      line: {
        peakCallsPerHour: 1.5, answerRate: 0.66, waitSeconds: [6, 30], voicemail: true, ringsWhenClosed: true,
        isOpen: (at) => {
          const { minutes, weekday } = local(at);
          return WEEKDAYS.has(weekday) && (between(minutes, '08:30', '12:00') || between(minutes, '14:00', '17:30'));
        },
      },
    }],
  },
];

export interface DemoCall {
  line: DemoLineKey;
  call: SimulatedCall;
}

/** The demo's calls: the same for the same `now`, ending before it (no call still ringing). */
export function planDemoCalls(now: Date): DemoCall[] {
  const random = seededRandom(DEMO_SEED + 0xca11);
  const nowMs = now.getTime();
  const out: DemoCall[] = [];
  for (const profile of PROFILES) {
    const number = DEMO_LINES.find((l) => l.key === profile.key)?.number ?? '';
    for (const s of profile.segments(nowMs)) {
      const calls = planSimulatedCalls({ lines: [{ ...s.line, number }], fromMs: s.fromMs, toMs: s.toMs, utcOffsetHours: UTC_OFFSET_HOURS, users: profile.users, random });
      for (const call of calls) if (call.offeredAtMs + (call.waitSeconds + call.talkSeconds) * 1000 < nowMs) out.push({ line: profile.key, call });
    }
  }
  return out.sort((a, b) => a.call.offeredAtMs - b.call.offeredAtMs);
}

/** The events a bridge would have sent for the call, at their moments. */
function eventsOf(c: SimulatedCall): CallEventFact[] {
  const offered = c.offeredAtMs;
  const answered = c.outcome === 'answered' || c.outcome === 'voicemail';
  const answerAt = offered + c.waitSeconds * 1000;
  const endAt = answerAt + c.talkSeconds * 1000;
  return [
    { event: 'newCall', at: nowIso(new Date(offered)) },
    ...(answered ? [{ event: 'answer' as const, at: nowIso(new Date(answerAt)), user: c.answeredBy }] : []),
    { event: 'hangup', at: nowIso(new Date(endAt)), cause: c.cause },
  ];
}

const CHUNK = 250;

/**
 * Writes the calls as the CTI webhook would have stored them (a record folded by core's
 * foldCall and its events), in multi-row inserts: a month is several thousand calls, and one
 * statement per row would dominate the demo's seeding time on PostgreSQL.
 */
export async function writeDemoCalls(
  trx: Transaction<DB>,
  o: { pii: PiiCipher; jurisdictionId: string; lineIds: ReadonlyMap<DemoLineKey, string>; userIdByName: ReadonlyMap<string, string>; calls: readonly DemoCall[] },
): Promise<number> {
  const records: Array<Insertable<CallRecordTable>> = [];
  const events: Array<Insertable<CallEventTable>> = [];
  // Sealing normalises the number with libphonenumber; repeat callers need it once.
  const sealed = new Map<string, ReturnType<typeof sealParty>>();
  o.calls.forEach(({ line, call }, i) => {
    const id = newId();
    const facts = eventsOf(call);
    const state = foldCall(facts);
    const number = DEMO_LINES.find((l) => l.key === line)?.number ?? '';
    if (call.citizen !== null && !sealed.has(call.citizen)) sealed.set(call.citizen, sealParty(call.citizen, o.pii));
    const party = call.citizen === null ? null : (sealed.get(call.citizen) ?? null);
    const created = state.endedAt ?? state.offeredAt;
    records.push({
      id, jurisdiction_id: o.jurisdictionId, source: 'cti', external_id: `demo-${i}`, cti_token_id: null, direction: call.direction,
      line_id: o.lineIds.get(line) ?? null, line_number: number, caller_enc: party?.enc ?? null, caller_bidx: party?.bidx ?? null,
      queue: line === 'hotline' ? 'hotline' : null, ...stateColumns(state),
      answered_by_user_id: call.answeredBy ? (o.userIdByName.get(call.answeredBy) ?? null) : null,
      case_id: null, contact_id: null, created_at: created, updated_at: created,
    });
    for (const f of facts) {
      events.push({ call_id: id, event: f.event, received_at: f.at, cause: f.cause ?? null, users: f.user ? JSON.stringify([f.user]) : null, answering_number: null, action: null });
    }
  });
  for (let i = 0; i < records.length; i += CHUNK) await trx.insertInto('call_records').values(records.slice(i, i + CHUNK)).execute();
  for (let i = 0; i < events.length; i += CHUNK * 2) await trx.insertInto('call_events').values(events.slice(i, i + CHUNK * 2)).execute();
  return records.length;
}
