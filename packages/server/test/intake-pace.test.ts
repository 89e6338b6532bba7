import { describe, expect, it } from 'vitest';
import { BUSY_MAX, MIN_SHARE, createSlicePacer } from '../src/modules/public-intake/pace.js';

/** Simulates slices of `slice` ms whose pauses the accepts keep busy `acceptShare` of a cycle. */
function steady(acceptShare: number, slice = 5, cycles = 30): { pause: number; drainerShare: number } {
  const pacer = createSlicePacer();
  let previous = null as { ms: number; utilisation: number } | null;
  let pause = 1;
  for (let i = 0; i < cycles; i++) {
    pause = pacer.pauseAfter(slice, previous, true);
    // The accepts' work of the cycle (slice + pause) is done during the pause.
    previous = { ms: pause, utilisation: Math.min(1, (acceptShare * (slice + pause)) / pause) };
  }
  return { pause, drainerShare: slice / (slice + pause) };
}

/** ADR 0054: while appeals arrive the drainer takes only what the accepts leave of BUSY_MAX. */
describe('the SQLite drainer’s pace', () => {
  it('pauses 1 ms when no appeal is arriving, whatever it measured before', () => {
    const pacer = createSlicePacer();
    pacer.pauseAfter(5, { ms: 10, utilisation: 0.9 }, true);
    expect(pacer.pauseAfter(20, { ms: 10, utilisation: 0.9 }, false)).toBe(1);
  });

  it('leaves the accepts their share of the loop, keeping it at most BUSY_MAX busy', () => {
    const light = steady(0.05);
    expect(light.drainerShare).toBeCloseTo(BUSY_MAX - 0.05, 2);
    const surge = steady(0.5);
    expect(surge.drainerShare).toBeCloseTo(BUSY_MAX - 0.5, 2);
    expect(surge.pause).toBeGreaterThan(light.pause);
  });

  it('never stops: past BUSY_MAX the drainer still gets MIN_SHARE', () => {
    expect(steady(0.9).drainerShare).toBeCloseTo(MIN_SHARE, 2);
    expect(steady(1).drainerShare).toBeCloseTo(MIN_SHARE, 2);
  });
});
