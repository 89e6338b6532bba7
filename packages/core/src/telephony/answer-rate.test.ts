import { describe, expect, it } from 'vitest';
import { answerRate, answerRateDetail, coldEpisodeStep, coldLineThresholdsSchema, DEFAULT_MIN_OFFERED } from './answer-rate.js';

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
    expect(answerRate({ offered: 10, answered: 9, answeredWithin15s: 8 }, { answerRate: 0.9, promptSeconds: 15, promptRate: 0.8 }).cold).toBe(false);
    expect(answerRate({ offered: 10, answered: 8, answeredWithin15s: 8 }, { answerRate: 0.9, promptSeconds: 15, promptRate: 0.8 }).cold).toBe(true);
  });

  it('clamps inconsistent tallies so no rate exceeds 100 %', () => {
    const r = answerRate({ offered: 4, answered: 6, answeredWithin15s: 7 });
    expect(r).toMatchObject({ answered: 4, missed: 0, answerRate: 1, answeredWithin15sRate: 1, cold: false });
  });
});

describe('answerRateDetail: callbacks and per-line thresholds', () => {
  it('counts callbacks within 1 h as answered, never as prompt', () => {
    const d = answerRateDetail({ offered: 20, answered: 17, answeredWithin15s: 17, calledBack: 2 });
    expect(d).toMatchObject({ answered: 19, pickedUp: 17, calledBack: 2, missed: 1, answerRate: 0.95, answeredWithin15sRate: 0.85 });
    // 95 % answered with callbacks, but only 85 % picked up within 15 s: still cold by default.
    expect(d.cold).toBe(true);
  });

  it('never counts more callbacks than calls left unanswered', () => {
    expect(answerRateDetail({ offered: 5, answered: 4, answeredWithin15s: 4, calledBack: 3 })).toMatchObject({ answered: 5, calledBack: 1, missed: 0 });
  });

  it('judges the prompt rate by the line own limit, while the public 15-s figure stays at 15 s', () => {
    const t = { answerRate: 0.9, promptSeconds: 30, promptRate: 0.9 };
    const d = answerRateDetail({ offered: 10, answered: 10, answeredWithin15s: 6, answeredWithinLimit: 9 }, t);
    expect(d).toMatchObject({ answeredWithin15sRate: 0.6, promptRate: 0.9, cold: false });
    expect(answerRateDetail({ offered: 10, answered: 10, answeredWithin15s: 6, answeredWithinLimit: 8 }, t).cold).toBe(true);
  });

  it('a zero limit makes a line that can never be cold', () => {
    expect(answerRateDetail({ offered: 10, answered: 0, answeredWithin15s: 0 }, { answerRate: 0, promptSeconds: 15, promptRate: 0 }).cold).toBe(false);
  });

  it('calls no line cold on too few calls: 1 missed of 2 is not cold, 5 missed of 5 is (ADR 0041)', () => {
    expect(DEFAULT_MIN_OFFERED).toBe(5);
    const few = answerRateDetail({ offered: 2, answered: 1, answeredWithin15s: 1 });
    // The figure is still shown as it is; only the verdict waits for enough calls.
    expect(few).toMatchObject({ answerRate: 0.5, missed: 1, judged: false, cold: false });
    expect(answerRateDetail({ offered: 5, answered: 0, answeredWithin15s: 0 })).toMatchObject({ judged: true, cold: true });
    expect(answerRateDetail({ offered: 4, answered: 0, answeredWithin15s: 0 }).cold).toBe(false);
  });

  it('takes a line own minimum, never below one call', () => {
    const t = { answerRate: 0.95, promptSeconds: 15, promptRate: 0.95 };
    expect(answerRateDetail({ offered: 2, answered: 1, answeredWithin15s: 1 }, { ...t, minOffered: 2 }).cold).toBe(true);
    expect(answerRateDetail({ offered: 9, answered: 0, answeredWithin15s: 0 }, { ...t, minOffered: 10 }).cold).toBe(false);
    expect(answerRateDetail({ offered: 1, answered: 0, answeredWithin15s: 0 }, { ...t, minOffered: 0 }).cold).toBe(true);
    expect(coldLineThresholdsSchema.safeParse({ ...t, minOffered: 0 }).success).toBe(false);
    expect(coldLineThresholdsSchema.safeParse({ ...t, minOffered: 3 }).success).toBe(true);
  });

  it('validates thresholds an admin sends', () => {
    expect(coldLineThresholdsSchema.safeParse({ answerRate: 0.95, promptSeconds: 15, promptRate: 0.95 }).success).toBe(true);
    expect(coldLineThresholdsSchema.safeParse({ answerRate: 1.2, promptSeconds: 15, promptRate: 0.95 }).success).toBe(false);
    expect(coldLineThresholdsSchema.safeParse({ answerRate: 0.95, promptSeconds: 0, promptRate: 0.95 }).success).toBe(false);
    expect(coldLineThresholdsSchema.safeParse({ answerRate: 0.95, promptSeconds: 15.5, promptRate: 0.95 }).success).toBe(false);
  });
});

describe('coldEpisodeStep: one alert per episode', () => {
  const cold = { answerRate: 0.8, cold: true, judged: true };
  const warm = { answerRate: 0.99, cold: false, judged: true };
  const idle = { answerRate: null, cold: false, judged: false };
  const quiet = { answerRate: 1, cold: false, judged: false };
  it('opens on the first cold look only', () => {
    expect(coldEpisodeStep(false, cold)).toBe('open');
    expect(coldEpisodeStep(true, cold)).toBe('stay');
  });
  it('closes when the line recovers, not when it falls idle', () => {
    expect(coldEpisodeStep(true, warm)).toBe('close');
    expect(coldEpisodeStep(true, idle)).toBe('stay');
    expect(coldEpisodeStep(false, warm)).toBe('stay');
    expect(coldEpisodeStep(false, idle)).toBe('stay');
  });
  it('a line with too few calls to judge neither ends nor opens an episode', () => {
    expect(coldEpisodeStep(true, quiet)).toBe('stay');
    expect(coldEpisodeStep(false, quiet)).toBe('stay');
  });
  it('a sequence cold, cold, warm, cold opens twice', () => {
    let open = false;
    const steps = [cold, cold, idle, warm, warm, cold, cold].map((r) => {
      const s = coldEpisodeStep(open, r);
      if (s === 'open') open = true;
      if (s === 'close') open = false;
      return s;
    });
    expect(steps.filter((s) => s === 'open')).toHaveLength(2);
    expect(steps).toEqual(['open', 'stay', 'stay', 'close', 'stay', 'open', 'stay']);
  });
});
