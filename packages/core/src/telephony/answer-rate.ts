/**
 * A line's answer rate 接通率 and the cold-line rule (DESIGN §6, issue 10 §4).
 *
 * GB/T 33358-2016 asks government hotlines to answer a call within 15 s and to answer at least
 * 95 % of the calls offered over any 24 h; those are the default thresholds here. Both rates are
 * shares of the calls OFFERED, so "answered within 15 s" reads "of everyone who rang, this many
 * got a person within 15 s" (a call-centre service level), and both are null exactly when nothing
 * was offered: an idle line is not cold, and 0/0 is not a figure.
 *
 * Callbacks within 1 h count as answered (DESIGN §6). Callback tasks do not exist yet (issue 10
 * §5); when they land, their callbacks made within 1 h are added to `answered` by the caller of
 * this function (never to `answeredWithin15s`: a callback is not a pick-up).
 */
export interface CallCounts {
  /** Inbound calls to the line that have ended, whatever became of them. */
  offered: number;
  answered: number;
  /** Answered calls whose caller waited at most 15 s. */
  answeredWithin15s: number;
}

export interface AnswerRateThresholds {
  answerRate: number;
  answeredWithin15sRate: number;
}

export const GBT_33358_THRESHOLDS: AnswerRateThresholds = { answerRate: 0.95, answeredWithin15sRate: 0.95 };

/** The seconds a caller may wait for the pick-up to count as prompt (GB/T 33358-2016). */
export const PROMPT_ANSWER_SECONDS = 15;

export interface AnswerRate {
  offered: number;
  answered: number;
  /** Offered and not answered: missed, abandoned, busy, voicemail, rejected alike. */
  missed: number;
  answerRate: number | null;
  answeredWithin15sRate: number | null;
  cold: boolean;
}

export function answerRate(counts: CallCounts, thresholds: AnswerRateThresholds = GBT_33358_THRESHOLDS): AnswerRate {
  const offered = Math.max(0, counts.offered);
  // Counts come from separate tallies; clamp so a late callback can never push a rate past 100 %.
  const answered = Math.min(Math.max(0, counts.answered), offered);
  const within = Math.min(Math.max(0, counts.answeredWithin15s), answered);
  if (offered === 0) return { offered, answered, missed: 0, answerRate: null, answeredWithin15sRate: null, cold: false };
  const rate = answered / offered;
  const prompt = within / offered;
  return {
    offered,
    answered,
    missed: offered - answered,
    answerRate: rate,
    answeredWithin15sRate: prompt,
    cold: rate < thresholds.answerRate || prompt < thresholds.answeredWithin15sRate,
  };
}
