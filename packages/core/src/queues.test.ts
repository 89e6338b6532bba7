import { describe, expect, it } from 'vitest';
import { priorityBand } from './metrics/fairness.js';
import { PRIORITY_BAND_CODES, QUEUE_RULES, priorityBandRange } from './queues.js';

describe('priorityBandRange', () => {
  it('gives each band the scores priorityBand puts in it, and no others', () => {
    for (const band of PRIORITY_BAND_CODES) {
      const { min, below } = priorityBandRange(band);
      for (const score of [-5, 0, 19.99, 20, 49.9, 50, 199, 200, 399.5, 400, 900]) {
        const inRange = (min === null || score >= min) && (below === null || score < below);
        expect(inRange, `${band} ${score}`).toBe(priorityBand(score) === band);
      }
    }
  });
  it('leaves the top band open above and the bottom one open below', () => {
    expect(priorityBandRange('P0')).toEqual({ min: 400, below: null });
    expect(priorityBandRange('P4')).toEqual({ min: null, below: 20 });
  });
});

describe('operator queues', () => {
  it('keep a second return, which waits for arbitration, out of the operators’ returned queue', () => {
    expect(QUEUE_RULES.returned).toEqual({ statuses: ['returned'], awaitingArbitration: false });
  });
  it('do not overlap', () => {
    const all = Object.values(QUEUE_RULES).flatMap((r) => r.statuses);
    expect(new Set(all).size).toBe(all.length);
  });
});
