import { z } from 'zod';

/**
 * A line's answer rate 接通率 and the cold-line rule (DESIGN §6, issue 10 §4).
 *
 * GB/T 33358-2016 asks government hotlines to answer a call within 15 s and to answer at least
 * 95 % of the calls offered over any 24 h; those are the default thresholds here, and an admin
 * may set others per line (`ColdLineThresholds`). Both rates are shares of the calls OFFERED,
 * so "answered within 15 s" reads "of everyone who rang, this many got a person within 15 s"
 * (a call-centre service level), and both are null exactly when nothing was offered: an idle
 * line is not cold, and 0/0 is not a figure.
 *
 * Callbacks within 1 h count as answered (DESIGN §6; `callbacks.ts` decides which missed calls
 * were called back): they add to `answered` and so to the answer rate, never to the prompt
 * count — a callback is not a pick-up.
 */
export interface CallCounts {
  /** Inbound calls to the line that have ended, whatever became of them. */
  offered: number;
  /** Picked up. */
  answered: number;
  /** Answered calls whose caller waited at most 15 s (the public, GB/T figure). */
  answeredWithin15s: number;
  /** Offered calls not picked up whose caller the line reached within 1 h (DESIGN §6). */
  calledBack?: number;
  /**
   * Answered within the line's own limit (`promptSeconds` of its thresholds), which decides
   * coldness; the 15-s count when the line keeps the default.
   */
  answeredWithinLimit?: number;
}

export interface ColdLineThresholds {
  /** The least share of offered calls answered (callbacks within 1 h included). */
  answerRate: number;
  /** Seconds a caller may wait for the pick-up to count as prompt. */
  promptSeconds: number;
  /** The least share of offered calls picked up within `promptSeconds`. */
  promptRate: number;
  /**
   * The fewest calls offered in the window before the line is judged at all (ADR 0041): with 2
   * calls, one miss is 50 %, which says more about chance than about the line. Unset: the default.
   */
  minOffered?: number;
}

/** The seconds a caller may wait for the pick-up to count as prompt (GB/T 33358-2016). */
export const PROMPT_ANSWER_SECONDS = 15;

/**
 * Calls offered in 24 h below which no line is called cold (ADR 0041). GB/T 33358-2016 sets no
 * volume; 5 keeps a line that let a handful of callers down in the monitor (5 of 5 missed is
 * cold) while 1 missed of 2 is not. Per line, `minOffered` overrides it.
 */
export const DEFAULT_MIN_OFFERED = 5;

export const GBT_33358_THRESHOLDS: ColdLineThresholds = { answerRate: 0.95, promptSeconds: PROMPT_ANSWER_SECONDS, promptRate: 0.95 };

/** The minimum a line is judged by: its own, else the default; never below 1 (0/0 is not a figure). */
export const minOfferedOf = (t: ColdLineThresholds): number => Math.max(1, t.minOffered ?? DEFAULT_MIN_OFFERED);

/**
 * What an admin may set. Rates are kept to 4 decimals (stored in basis points); a line whose
 * limit is 0 can never be cold, which is allowed on purpose (a line being wound down).
 */
export const coldLineThresholdsSchema = z.object({
  answerRate: z.number().min(0).max(1).multipleOf(0.0001),
  promptSeconds: z.number().int().min(1).max(600),
  promptRate: z.number().min(0).max(1).multipleOf(0.0001),
  minOffered: z.number().int().min(1).max(10_000).optional().describe(`calls offered in 24 h before the line can be cold; unset: ${DEFAULT_MIN_OFFERED}`),
});

export interface AnswerRate {
  offered: number;
  /** Picked up or called back within 1 h. */
  answered: number;
  /** Offered and neither picked up nor called back within 1 h: missed, abandoned, busy, voicemail, rejected alike. */
  missed: number;
  answerRate: number | null;
  answeredWithin15sRate: number | null;
  cold: boolean;
}

export interface AnswerRateDetail extends AnswerRate {
  pickedUp: number;
  calledBack: number;
  answeredWithin15s: number;
  /** Picked up within the line's own limit / offered. */
  promptRate: number | null;
  /** Enough calls were offered to judge the line (its `minOffered`); never cold otherwise. */
  judged: boolean;
}

const clamp = (n: number, max: number): number => Math.min(Math.max(0, n), max);

/** The public figure (the directory's `calls`): answer rate, 15-s rate, cold. */
export function answerRate(counts: CallCounts, thresholds: ColdLineThresholds = GBT_33358_THRESHOLDS): AnswerRate {
  const d = answerRateDetail(counts, thresholds);
  return { offered: d.offered, answered: d.answered, missed: d.missed, answerRate: d.answerRate, answeredWithin15sRate: d.answeredWithin15sRate, cold: d.cold };
}

/** Every figure of a line's calls over a window, and whether its thresholds make it cold. */
export function answerRateDetail(counts: CallCounts, thresholds: ColdLineThresholds = GBT_33358_THRESHOLDS): AnswerRateDetail {
  const offered = Math.max(0, counts.offered);
  // Counts come from separate tallies; clamp so a late callback can never push a rate past 100 %.
  const pickedUp = clamp(counts.answered, offered);
  const calledBack = clamp(counts.calledBack ?? 0, offered - pickedUp);
  const answered = pickedUp + calledBack;
  const within15 = clamp(counts.answeredWithin15s, pickedUp);
  const withinLimit = clamp(counts.answeredWithinLimit ?? counts.answeredWithin15s, pickedUp);
  if (offered === 0) {
    return { offered, answered, missed: 0, answerRate: null, answeredWithin15sRate: null, cold: false, pickedUp, calledBack, answeredWithin15s: within15, promptRate: null, judged: false };
  }
  const rate = answered / offered;
  const promptRate = withinLimit / offered;
  const judged = offered >= minOfferedOf(thresholds);
  return {
    offered,
    answered,
    missed: offered - answered,
    answerRate: rate,
    answeredWithin15sRate: within15 / offered,
    cold: judged && (rate < thresholds.answerRate || promptRate < thresholds.promptRate),
    pickedUp,
    calledBack,
    answeredWithin15s: within15,
    promptRate,
    judged,
  };
}

/** What happens to a line's cold-line episode after a fresh look at its 24-h figures. */
export type ColdEpisodeStep = 'open' | 'close' | 'stay';

/**
 * A cold line opens an episode (one alert); it ends when the line is measured above its
 * thresholds again, and a later drop opens a new one. A line with no calls in the window, or
 * fewer than its minimum, is not judged: neither cold nor recovered, so an open episode stays
 * open rather than ending because the phone stopped ringing (or nearly did).
 */
export function coldEpisodeStep(episodeOpen: boolean, rate: Pick<AnswerRateDetail, 'answerRate' | 'cold' | 'judged'>): ColdEpisodeStep {
  if (rate.cold) return episodeOpen ? 'stay' : 'open';
  if (rate.answerRate === null || !rate.judged) return 'stay';
  return episodeOpen ? 'close' : 'stay';
}
