/**
 * How long the SQLite drainer pauses after a slice (ADR 0054, amending ADR 0049).
 *
 * The drainer and the accepts share one event loop. With a 1 ms pause after every slice the
 * drainer takes whatever the accepts leave, so at a surge's arrival rate the loop is always busy
 * and each accept waits behind the slices and the other accepts queued meanwhile: the form's
 * latency climbs while the backlog is worked off a little faster. While appeals are arriving the
 * drainer now keeps the loop at most BUSY_MAX busy: it measures how busy the accepts kept the loop
 * during its last pause (event loop utilisation) and pauses long enough that its own share is
 * what is left of BUSY_MAX — never less than MIN_SHARE, so the backlog always moves; at a surge's
 * onset, before anything is measured, it assumes the accepts need all of it (ONSET_SHARE). When no
 * appeal has arrived lately nobody is waiting and it pauses 1 ms as before: the backlog a surge
 * left is worked off at full pace after it (processing behind the answer, ADR 0032).
 */
export const BUSY_MAX = 0.75;
export const MIN_SHARE = 0.1;
/**
 * The accepts' share assumed at a surge's onset (appeals arriving again after a quiet spell),
 * before any pause has measured it: all the drainer may leave them. Assuming none (as until
 * 2026-12-07) gave the drainer 75 % of the loop at the very moment a surge began, and the accepts
 * fell behind until the estimate caught up: at 2,000/s over 32 connections the onset alone set
 * the p99 (26–73 ms against 12–18 ms without it, docs/benchmarks.md). The estimate comes down
 * from here as pauses measure the accepts' real work.
 */
export const ONSET_SHARE = BUSY_MAX - MIN_SHARE;
const MAX_PAUSE_MS = 200;

export interface PauseMeasured {
  /** The pause as it happened (a timer fires late on a busy loop). */
  ms: number;
  /** Event loop utilisation during it: the accepts' work, 0..1. */
  utilisation: number;
}

export interface SlicePacer {
  /**
   * The pause after a slice of `sliceMs` (measured), given the pause before that slice and
   * whether appeals are arriving.
   */
  pauseAfter(sliceMs: number, previous: PauseMeasured | null, arriving: boolean): number;
  /** The accepts' share of the loop as last estimated (for logs and tests). */
  acceptShare(): number;
}

export function createSlicePacer(): SlicePacer {
  let share = 0;
  let lastSliceMs = 0;
  let wasArriving = false;
  return {
    pauseAfter(sliceMs, previous, arriving) {
      const before = lastSliceMs;
      lastSliceMs = sliceMs;
      const onset = arriving && !wasArriving;
      wasArriving = arriving;
      if (!arriving) {
        share = 0;
        return 1;
      }
      // At the onset the last pause was a quiet one (1 ms after a long slice): it says nothing of
      // what the arriving appeals need.
      if (onset) share = ONSET_SHARE;
      else if (previous && before + previous.ms > 0) {
        // The accepts' work of a whole cycle (slice + pause) is done in its pause: what arrived
        // during the slice waited for it.
        const sample = Math.min(1, (previous.utilisation * previous.ms) / (before + previous.ms));
        share = 0.5 * share + 0.5 * sample;
      }
      const drainerShare = Math.max(MIN_SHARE, BUSY_MAX - share);
      return Math.min(MAX_PAUSE_MS, Math.max(1, sliceMs / drainerShare - sliceMs));
    },
    acceptShare: () => share,
  };
}
