import { describe, expect, it } from 'vitest';
import { BUSY_MAX, MIN_SHARE, ONSET_SHARE, createSlicePacer } from '../src/modules/public-intake/pace.js';

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

  it('at a surge’s onset gives the accepts the loop first, whatever the quiet pause before measured, then follows what it measures', () => {
    const pacer = createSlicePacer();
    // Quiet: long slices, 1 ms pauses (a burst of accepts filling the last one says nothing of the surge's needs).
    expect(pacer.pauseAfter(20, { ms: 1, utilisation: 0 }, false)).toBe(1);
    const first = pacer.pauseAfter(5, { ms: 1, utilisation: 1 }, true);
    expect(pacer.acceptShare()).toBe(ONSET_SHARE);
    expect(first).toBeCloseTo(5 / MIN_SHARE - 5, 5);
    // A light trickle: the drainer earns its share back within a few cycles.
    let pause = first;
    for (let i = 0; i < 8; i++) pause = pacer.pauseAfter(5, { ms: pause, utilisation: 0.02 }, true);
    expect(5 / (5 + pause)).toBeGreaterThan(BUSY_MAX - 0.05);
    // Quiet again, then another onset: accepts first again.
    pacer.pauseAfter(20, { ms: pause, utilisation: 0 }, false);
    expect(pacer.pauseAfter(5, { ms: 1, utilisation: 0.5 }, true)).toBeCloseTo(5 / MIN_SHARE - 5, 5);
  });

  it('never stops: past BUSY_MAX the drainer still gets MIN_SHARE', () => {
    expect(steady(0.9).drainerShare).toBeCloseTo(MIN_SHARE, 2);
    expect(steady(1).drainerShare).toBeCloseTo(MIN_SHARE, 2);
  });
});
