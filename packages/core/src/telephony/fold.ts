import { isVoicemail, unansweredOutcome, type CallOutcome } from './causes.js';

export const CALL_EVENTS = ['newCall', 'answer', 'hangup'] as const;
export type CallEventKind = (typeof CALL_EVENTS)[number];

/** One event of a call as the phone system reported it, with the time it reached us. */
export interface CallEventFact {
  event: CallEventKind;
  /** ISO-8601 UTC. Zammad's format carries no event time, so this is when it arrived. */
  at: string;
  cause?: string | null;
  /** The answering user (answer) as the phone system names them. */
  user?: string | null;
  answeringNumber?: string | null;
  /** A newCall we answered with `reject` (a blocked caller). */
  rejected?: boolean;
}

export interface CallState {
  offeredAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  /** null while the call still rings or talks without a decided end. */
  outcome: CallOutcome | null;
  /** Offer to answer, or to the end when nobody answered; null while it rings. */
  waitSeconds: number | null;
  /** Answer to end; 0 for an unanswered call; null while it is in progress. */
  talkSeconds: number | null;
  /** The raw hangup cause. */
  cause: string | null;
  /** Who answered as the phone system named them (user, else answeringNumber). */
  answeredBy: string | null;
  /** An answer arrived after the hangup: kept as an event, but it does not make the call answered. */
  lateAnswer: boolean;
}

const ORDER: Record<CallEventKind, number> = { newCall: 0, answer: 1, hangup: 2 };

/**
 * ISO-8601 UTC instants of one format order as text by code unit; localeCompare gave the same order
 * through the ICU collator, at a few per cent of the webhook's CPU per event (issue 10 §6).
 */
const byTime = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const seconds = (from: string, to: string): number => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/**
 * The state of a call from whatever of its events arrived, in any order and with repeats
 * (ADR 0017). The first event of each kind counts. An answer that reached us after the hangup
 * does not turn a missed call into an answered one; a hangup without a (timely) answer is
 * missed, abandoned, busy or rejected by its cause; a blocked caller's call is rejected.
 */
export function foldCall(events: readonly CallEventFact[]): CallState {
  if (events.length === 0) throw new Error('a call needs at least one event');
  const sorted = [...events].sort((a, b) => byTime(a.at, b.at) || ORDER[a.event] - ORDER[b.event]);
  const first = (kind: CallEventKind): CallEventFact | undefined => sorted.find((e) => e.event === kind);
  const offeredAt = (sorted[0] as CallEventFact).at;
  const offer = first('newCall');
  const hangup = first('hangup');
  const endedAt = hangup?.at ?? null;
  const base = { offeredAt, cause: hangup?.cause ?? null };

  if (offer?.rejected) {
    const end = endedAt ?? offer.at;
    return { ...base, answeredAt: null, endedAt: end, outcome: 'rejected', waitSeconds: seconds(offeredAt, end), talkSeconds: 0, answeredBy: null, lateAnswer: false };
  }
  const answers = sorted.filter((e) => e.event === 'answer');
  const answer = answers.find((e) => endedAt === null || e.at <= endedAt);
  const lateAnswer = answer === undefined && answers.length > 0;
  if (answer) {
    const voicemail = isVoicemail(answer.user) || isVoicemail(answer.answeringNumber);
    return {
      ...base, answeredAt: answer.at, endedAt, outcome: voicemail ? 'voicemail' : 'answered',
      waitSeconds: seconds(offeredAt, answer.at), talkSeconds: endedAt === null ? null : seconds(answer.at, endedAt),
      answeredBy: answer.user ?? answer.answeringNumber ?? null, lateAnswer: false,
    };
  }
  if (endedAt === null) {
    return { ...base, answeredAt: null, endedAt: null, outcome: null, waitSeconds: null, talkSeconds: null, answeredBy: null, lateAnswer };
  }
  return {
    ...base, answeredAt: null, endedAt, outcome: unansweredOutcome(hangup?.cause), waitSeconds: seconds(offeredAt, endedAt), talkSeconds: 0,
    answeredBy: null, lateAnswer,
  };
}

const MAX_USERS = 20;

/**
 * The `user` field in every shape bridges send it: a name, a comma list, a JSON array (as text
 * or parsed), or form-encoded `user[]` (an array by then). Trimmed, empties dropped, at most 20.
 */
export function parseCtiUsers(value: unknown): string[] {
  let items: unknown[];
  if (Array.isArray(value)) items = value;
  else if (typeof value === 'string') {
    const text = value.trim();
    items = [text];
    if (text.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (Array.isArray(parsed)) items = parsed;
      } catch {
        // Not JSON after all: read it as a comma list below.
      }
    }
    items = items.flatMap((i) => (typeof i === 'string' && !i.startsWith('[') ? i.split(',') : [i]));
  } else items = [];
  return items
    .filter((i): i is string | number => typeof i === 'string' || typeof i === 'number')
    .map((i) => String(i).trim())
    .filter((i) => i.length > 0)
    .slice(0, MAX_USERS);
}
