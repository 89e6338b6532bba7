import { describe, expect, it } from 'vitest';
import { answerRate } from './answer-rate.js';

describe('answerRate (接通率, GB/T 33358-2016 levels)', () => {
  it('is null and not cold when nothing was offered', () => {
    expect(answerRate({ offered: 0, answered: 0, answeredWithin15s: 0 })).toEqual({
      offered: 0, answered: 0, missed: 0, answerRate: null, answeredWithin15sRate: null, cold: false,
    });
  });

  it('20 offered, 19 answered, all within 15 s: 95 % exactly is not cold', () => {
    // 19/20 = 0.95, not below 0.95.
    expect(answerRate({ offered: 20, answered: 19, answeredWithin15s: 19 })).toEqual({
      offered: 20, answered: 19, missed: 1, answerRate: 0.95, answeredWithin15sRate: 0.95, cold: false,
    });
  });

  it('50 offered, 41 answered: 82 % is cold', () => {
    const r = answerRate({ offered: 50, answered: 41, answeredWithin15s: 41 });
    expect(r).toMatchObject({ missed: 9, answerRate: 0.82, answeredWithin15sRate: 0.82, cold: true });
  });

  it('every call answered but 2 of 10 after 15 s: 80 % prompt is cold', () => {
    const r = answerRate({ offered: 10, answered: 10, answeredWithin15s: 8 });
    expect(r).toMatchObject({ missed: 0, answerRate: 1, answeredWithin15sRate: 0.8, cold: true });
  });

  it('honours other thresholds', () => {
    expect(answerRate({ offered: 10, answered: 9, answeredWithin15s: 8 }, { answerRate: 0.9, answeredWithin15sRate: 0.8 }).cold).toBe(false);
    expect(answerRate({ offered: 10, answered: 8, answeredWithin15s: 8 }, { answerRate: 0.9, answeredWithin15sRate: 0.8 }).cold).toBe(true);
  });

  it('clamps inconsistent tallies so no rate exceeds 100 %', () => {
    const r = answerRate({ offered: 4, answered: 6, answeredWithin15s: 7 });
    expect(r).toMatchObject({ answered: 4, missed: 0, answerRate: 1, answeredWithin15sRate: 1, cold: false });
  });
});
