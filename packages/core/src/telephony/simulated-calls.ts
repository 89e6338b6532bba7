import type { Random } from '../random.js';
import type { CallOutcome } from './causes.js';

/**
 * A model of the calls a city's published lines receive, for the call simulator (issue 10 §6)
 * and the demo's call history: one model, so what a newcomer sees in the demo and what the
 * simulator sends behave alike. Pure and seeded: the same inputs give the same calls.
 */

/** Relative arrivals by local hour (0–23): quiet nights, a morning peak, a lunch dip, an afternoon peak. */
export const CALL_ARRIVALS_BY_HOUR: readonly number[] = [
  0.06, 0.04, 0.03, 0.03, 0.04, 0.08, 0.2, 0.45, 0.85, 1, 1, 0.9, 0.55, 0.6, 0.9, 1, 0.95, 0.8, 0.6, 0.5, 0.4, 0.3, 0.18, 0.1,
];

export interface SimulatedLine {
  number: string;
  /** Inbound calls an hour at the busiest hour of the day. */
  peakCallsPerHour: number;
  /** Share of calls offered while the line is open that a person answers (understaffed lines: well below 0.95). */
  answerRate: number;
  /** Seconds an answered caller waits: uniform in [min, max]. */
  waitSeconds: readonly [number, number];
  /** Whether the line is staffed at a moment (default: always). Calls while closed go unanswered. */
  isOpen?: (atMs: number) => boolean;
  /** Whether callers ring at all while it is closed (a direct line: yes, into voicemail; a staffed line's IVR: no). */
  ringsWhenClosed?: boolean;
  /** Unanswered calls may reach a voicemail box. */
  voicemail?: boolean;
}

export interface SimulatedCall {
  /** Index into the lines given. */
  line: number;
  direction: 'in' | 'out';
  offeredAtMs: number;
  /** The citizen's number as a bridge writes it (national format), or null when withheld. */
  citizen: string | null;
  outcome: Extract<CallOutcome, 'answered' | 'missed' | 'abandoned' | 'busy' | 'voicemail'>;
  /** Offer to answer (or to the hangup when nobody answered). */
  waitSeconds: number;
  talkSeconds: number;
  /** Zammad's hangup cause for this outcome. */
  cause: 'normalClearing' | 'cancel' | 'noAnswer' | 'busy';
  /** The operator (or `voicemail`) who answered. */
  answeredBy: string | null;
}

export interface SimulationOptions {
  lines: readonly SimulatedLine[];
  fromMs: number;
  toMs: number;
  /** Local time offset of the lines' city, for the hour-of-day profile (Asia/Shanghai: 8). */
  utcOffsetHours: number;
  /** Operators who answer, by the names the phone system uses. */
  users: readonly string[];
  random: Random;
}

const HOUR_MS = 3_600_000;
const MOBILE_PREFIXES = ['138', '139', '135', '186', '150', '177'];
/** Callers who ring again and again: a share of calls comes from a small pool. */
const REPEAT_CALLERS = 25;

const uniform = (r: Random, min: number, max: number): number => min + r() * (max - min);
const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
const mobile = (r: Random): string => `${pick(r, MOBILE_PREFIXES)}${String(Math.floor(r() * 1e8)).padStart(8, '0')}`;

export function localHourOf(atMs: number, utcOffsetHours: number): number {
  return new Date(atMs + utcOffsetHours * HOUR_MS).getUTCHours();
}

function unanswered(r: Random, line: SimulatedLine, open: boolean): Pick<SimulatedCall, 'outcome' | 'waitSeconds' | 'cause' | 'answeredBy' | 'talkSeconds'> {
  if (line.voicemail && r() < (open ? 0.4 : 0.7)) {
    return { outcome: 'voicemail', waitSeconds: Math.round(uniform(r, 20, 30)), talkSeconds: Math.round(uniform(r, 8, 60)), cause: 'normalClearing', answeredBy: 'voicemail' };
  }
  const roll = r();
  if (open && roll < 0.1) return { outcome: 'busy', waitSeconds: Math.round(uniform(r, 0, 2)), talkSeconds: 0, cause: 'busy', answeredBy: null };
  // Most callers give up while it rings; the rest ring until the system stops trying.
  if (roll < 0.65) return { outcome: 'abandoned', waitSeconds: Math.round(uniform(r, 5, 45)), talkSeconds: 0, cause: 'cancel', answeredBy: null };
  return { outcome: 'missed', waitSeconds: Math.round(uniform(r, 45, 60)), talkSeconds: 0, cause: 'noAnswer', answeredBy: null };
}

/**
 * Calls to the lines over [fromMs, toMs), sorted by offer time: arrivals by hour of day
 * (a Poisson process thinned by CALL_ARRIVALS_BY_HOUR), 5 % of callers withheld, a share of
 * repeat callers, answered with the line's answer rate while open, otherwise abandoned, missed,
 * busy or voicemail; 4 % outbound callbacks from the line.
 */
export function planSimulatedCalls(o: SimulationOptions): SimulatedCall[] {
  const r = o.random;
  const regulars = Array.from({ length: REPEAT_CALLERS }, () => mobile(r));
  const calls: SimulatedCall[] = [];
  o.lines.forEach((line, index) => {
    if (line.peakCallsPerHour <= 0) return;
    const meanGapMs = HOUR_MS / line.peakCallsPerHour;
    for (let at = o.fromMs - Math.log(1 - r()) * meanGapMs; at < o.toMs; at -= Math.log(1 - r()) * meanGapMs) {
      const offeredAtMs = Math.floor(at);
      if (r() >= (CALL_ARRIVALS_BY_HOUR[localHourOf(offeredAtMs, o.utcOffsetHours)] ?? 0)) continue;
      const open = line.isOpen?.(offeredAtMs) ?? true;
      if (!open && !line.ringsWhenClosed) continue;
      const citizen = r() < 0.05 ? null : r() < 0.15 ? pick(r, regulars) : mobile(r);
      if (r() < 0.04 && open && citizen !== null) {
        const reached = r() < 0.75;
        calls.push({
          line: index, direction: 'out', offeredAtMs, citizen, outcome: reached ? 'answered' : 'missed', waitSeconds: Math.round(uniform(r, 3, reached ? 15 : 40)),
          talkSeconds: reached ? Math.round(uniform(r, 30, 240)) : 0, cause: reached ? 'normalClearing' : 'noAnswer', answeredBy: null,
        });
        continue;
      }
      const base = { line: index, direction: 'in' as const, offeredAtMs, citizen };
      if (open && r() < line.answerRate) {
        calls.push({
          ...base, outcome: 'answered', waitSeconds: Math.round(uniform(r, line.waitSeconds[0], line.waitSeconds[1])),
          // Talk time: mostly a few minutes, a long tail of complicated appeals.
          talkSeconds: Math.round(40 - Math.log(1 - r()) * 150), cause: 'normalClearing', answeredBy: o.users.length > 0 ? pick(r, o.users) : null,
        });
      } else calls.push({ ...base, ...unanswered(r, line, open) });
    }
  });
  return calls.sort((a, b) => a.offeredAtMs - b.offeredAtMs || a.line - b.line);
}
