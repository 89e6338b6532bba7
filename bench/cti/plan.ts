// The traffic a PBX bridge sends, planned before the run so the driver only sends: per call
// newCall → (answer) → hangup, with the faults real bridges have (issue 10 §1, ADR 0017).

export type CtiEventName = 'newCall' | 'answer' | 'hangup';

export interface PlannedEvent {
  event: CtiEventName;
  /** A repeated delivery of an event already sent (the server must change nothing). */
  duplicate: boolean;
  /** Content type of the body: Zammad bridges send forms, newer ones JSON. */
  form: boolean;
  body: string;
}

export interface PlannedCall {
  callId: string;
  /** Sent one after the other, as a bridge does for one call. */
  events: PlannedEvent[];
}

export interface CtiPlan {
  calls: PlannedCall[];
  /** Requests to send, duplicates included. */
  events: number;
  /** Distinct (call, event) pairs: the call_events rows the server must end with. */
  distinctEvents: number;
}

/** Mulberry32: seeded, so every run sends the same traffic. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function encode(fields: Record<string, string | string[]>, form: boolean): string {
  if (!form) return JSON.stringify(fields);
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    if (Array.isArray(v)) for (const item of v) p.append(`${k}[]`, item);
    else p.append(k, v);
  }
  return p.toString();
}

/**
 * About `events` requests: 70 % of calls answered (3 events), the rest missed (2); 5 % of
 * answered calls deliver the answer after the hangup; 5 % of events are delivered twice; 5 % of
 * callers anonymous; half the calls as forms; calls spread over `lines` numbers, written as
 * bridges write them (with and without the dash).
 */
export function planCtiTraffic(o: { events: number; lines: string[]; users: string[]; seed?: number; runId: string }): CtiPlan {
  const rnd = random(o.seed ?? 12345);
  const calls: PlannedCall[] = [];
  let events = 0;
  let distinctEvents = 0;
  for (let i = 0; events < o.events; i++) {
    const callId = `${o.runId}-${i}`;
    const form = rnd() < 0.5;
    const line = o.lines[i % o.lines.length] ?? '';
    const base = {
      direction: 'in', call_id: callId, to: rnd() < 0.5 ? line : line.replace('-', ''),
      from: rnd() < 0.05 ? 'anonymous' : `138${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`,
    };
    const user = o.users[i % o.users.length] ?? 'operator';
    const answered = rnd() < 0.7;
    const names: Array<[CtiEventName, Record<string, string | string[]>]> = [['newCall', { ...base, event: 'newCall', user: o.users, queue: 'hotline' }]];
    const hangup: [CtiEventName, Record<string, string | string[]>] = ['hangup', { ...base, event: 'hangup', cause: answered ? 'normalClearing' : rnd() < 0.5 ? 'cancel' : 'noAnswer' }];
    if (answered) {
      const answer: [CtiEventName, Record<string, string | string[]>] = ['answer', { ...base, event: 'answer', user, answeringNumber: '201' }];
      if (rnd() < 0.05) names.push(hangup, answer);
      else names.push(answer, hangup);
    } else names.push(hangup);
    const planned: PlannedEvent[] = [];
    for (const [event, fields] of names) {
      const body = encode(fields, form);
      planned.push({ event, duplicate: false, form, body });
      if (rnd() < 0.05) planned.push({ event, duplicate: true, form, body });
    }
    calls.push({ callId, events: planned });
    events += planned.length;
    distinctEvents += names.length;
  }
  return { calls, events, distinctEvents };
}
