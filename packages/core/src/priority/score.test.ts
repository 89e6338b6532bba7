import { describe, expect, it } from 'vitest';
import { URGENCIES, type Urgency } from '../channels.js';
import { createWorkingCalendar } from '../calendar/working-calendar.js';
import { caseAgesWorkingDays, caseAgeWorkingDays, priorityScore, priorityScoreOfCallers, type PriorityInput } from './score.js';
import { VULNERABILITIES } from './vulnerability-lexicon.js';
import { defaultPriorityWeights, priorityWeightsSchema } from './weights.js';

const caller = (key: string) => ({ callerKey: key });
const callers = (n: number, prefix = 'caller') => Array.from({ length: n }, (_, i) => caller(`${prefix}-${i}`));
const base: PriorityInput = { urgency: 'normal', contacts: [caller('a')], ageWorkingDays: 1 };

describe('priority never rewards calling again', () => {
  it('20 more contacts by the same caller leave the score unchanged', () => {
    const once = priorityScore(base);
    const twentyOneTimes = priorityScore({ ...base, contacts: Array.from({ length: 21 }, () => caller('a')) });
    expect(twentyOneTimes).toEqual(once);
  });

  it('repeat contacts inside a larger incident change nothing either', () => {
    const incident = callers(5);
    const withRepeats = [...incident, ...Array.from({ length: 20 }, () => caller('caller-0'))];
    expect(priorityScore({ ...base, contacts: withRepeats })).toEqual(priorityScore({ ...base, contacts: incident }));
  });

  it('anonymous contacts count as one caller however many there are', () => {
    const one = priorityScore({ ...base, contacts: [{ callerKey: null }] });
    const many = priorityScore({ ...base, contacts: Array.from({ length: 20 }, () => ({ callerKey: null })) });
    expect(many).toEqual(one);
    expect(priorityScore({ ...base, contacts: [caller('a'), { callerKey: null }] }).callers).toBe(2);
  });

  it('20 different callers on the same incident raise it', () => {
    const one = priorityScore(base);
    const twentyOne = priorityScore({ ...base, contacts: [caller('a'), ...callers(20)] });
    expect(twentyOne.callers).toBe(21);
    expect(twentyOne.score).toBeGreaterThan(one.score);
    expect(twentyOne.parts.impact).toBeCloseTo(10 * Math.log2(21), 2);
  });
});

describe('weights', () => {
  it('grow impact logarithmically and cap it', () => {
    const impact = (n: number) => priorityScore({ ...base, contacts: callers(n) }).parts.impact;
    expect([0, 1, 2, 4, 8].map(impact)).toEqual([0, 0, 10, 20, 30]);
    expect(impact(1024)).toBe(100);
    expect(impact(5000)).toBe(100);
  });

  it('raise age linearly in working days up to a cap', () => {
    const age = (days: number) => priorityScore({ ...base, ageWorkingDays: days }).parts.age;
    expect([0, 0.5, 1, 5, 10, 30, -2].map(age)).toEqual([0, 1, 2, 10, 20, 20, 0]);
  });

  it('give vulnerability for the first flag and a little for more', () => {
    const vulnerability = (flags: (typeof VULNERABILITIES)[number][]) =>
      priorityScore({ ...base, vulnerabilities: flags }).parts.vulnerability;
    expect(vulnerability([])).toBe(0);
    expect(vulnerability(['elderly'])).toBe(20);
    expect(vulnerability(['elderly', 'elderly'])).toBe(20);
    expect(vulnerability(['elderly', 'disabled'])).toBe(25);
    expect(vulnerability([...VULNERABILITIES])).toBe(40);
  });

  it('vulnerability raises the score', () => {
    expect(priorityScore({ ...base, vulnerabilities: ['pregnant'] }).score).toBeGreaterThan(priorityScore(base).score);
  });

  it('sum to the score', () => {
    const result = priorityScore({ urgency: 'urgent', contacts: callers(3), vulnerabilities: ['child'], ageWorkingDays: 2.5 });
    const { urgency, impact, vulnerability, age } = result.parts;
    expect(result.score).toBeCloseTo(urgency + impact + vulnerability + age, 6);
    expect(result.parts).toEqual({ urgency: 200, impact: 15.85, vulnerability: 20, age: 5 });
  });

  it('reject an age that is not a number', () => {
    expect(() => priorityScore({ ...base, ageWorkingDays: Number.NaN })).toThrow(RangeError);
  });
});

describe('urgency dominates', () => {
  const strongest = (urgency: Urgency): PriorityInput => ({
    urgency,
    contacts: callers(10_000),
    vulnerabilities: [...VULNERABILITIES],
    ageWorkingDays: 100,
  });
  const weakest = (urgency: Urgency): PriorityInput => ({ urgency, contacts: [], ageWorkingDays: 0 });

  it('the weakest urgent case outranks the strongest normal case, and likewise for emergencies', () => {
    expect(priorityScore(weakest('urgent')).score).toBeGreaterThan(priorityScore(strongest('normal')).score);
    expect(priorityScore(weakest('emergency')).score).toBeGreaterThan(priorityScore(strongest('urgent')).score);
  });

  it('an urgent case outranks a normal one of similar age and size', () => {
    const normal = priorityScore({ urgency: 'normal', contacts: callers(50), vulnerabilities: ['elderly'], ageWorkingDays: 3 });
    const urgent = priorityScore({ urgency: 'urgent', contacts: callers(1), ageWorkingDays: 3 });
    expect(urgent.score).toBeGreaterThan(normal.score);
  });

  it('is enforced on edited weights', () => {
    expect(priorityWeightsSchema.safeParse(defaultPriorityWeights()).success).toBe(true);
    const flat = { ...defaultPriorityWeights(), urgency: { normal: 0, urgent: 50, emergency: 100 } };
    expect(priorityWeightsSchema.safeParse(flat).success).toBe(false);
    const heavyAge = { ...defaultPriorityWeights(), ageCap: 500 };
    expect(priorityWeightsSchema.safeParse(heavyAge).success).toBe(false);
  });
});

describe('the score is monotone in each input', () => {
  it('never falls when one input grows and the others stay', () => {
    const urgencies = URGENCIES;
    const sizes = [0, 1, 2, 3, 7, 20, 100, 1500];
    const ages = [0, 0.3, 1, 4, 9.5, 10, 40];
    const flagSets = VULNERABILITIES.map((_, i) => VULNERABILITIES.slice(0, i));
    const score = (u: number, s: number, a: number, f: number) =>
      priorityScore({
        urgency: urgencies[u] ?? 'normal',
        contacts: callers(sizes[s] ?? 0),
        ageWorkingDays: ages[a] ?? 0,
        vulnerabilities: flagSets[f] ?? [],
      }).score;
    for (let u = 0; u < urgencies.length; u += 1) {
      for (let s = 0; s < sizes.length; s += 1) {
        for (let a = 0; a < ages.length; a += 1) {
          for (let f = 0; f < flagSets.length; f += 1) {
            const here = score(u, s, a, f);
            if (u > 0) expect(here).toBeGreaterThan(score(u - 1, s, a, f));
            if (s > 0) expect(here).toBeGreaterThanOrEqual(score(u, s - 1, a, f));
            if (a > 0) expect(here).toBeGreaterThanOrEqual(score(u, s, a - 1, f));
            if (f > 0) expect(here).toBeGreaterThan(score(u, s, a, f - 1));
          }
        }
      }
    }
  });
});

describe('caseAgeWorkingDays', () => {
  const calendar = createWorkingCalendar();
  const bj = (local: string) => new Date(`${local}:00+08:00`);

  it('counts working days on the jurisdiction calendar, skipping weekends', () => {
    // Thu 2026-03-05 09:00 → Mon 2026-03-09 09:00: Thursday and Friday worked.
    expect(caseAgeWorkingDays(bj('2026-03-05T09:00'), bj('2026-03-09T09:00'), calendar)).toBe(2);
    expect(caseAgeWorkingDays(bj('2026-03-06T09:00'), bj('2026-03-06T12:00'), calendar)).toBeCloseTo(3 / 7, 6);
  });

  it('skips statutory holidays and is never negative', () => {
    // 2026 National Day holiday: 1–7 October are off.
    expect(caseAgeWorkingDays(bj('2026-10-01T09:00'), bj('2026-10-05T17:30'), calendar)).toBe(0);
    expect(caseAgeWorkingDays(bj('2026-03-09T09:00'), bj('2026-03-05T09:00'), calendar)).toBe(0);
  });

  it('gives the same ages for many cases and one now (the daily refresh) as case by case', () => {
    const now = bj('2026-10-12T10:17');
    const ageOf = caseAgesWorkingDays(now, calendar);
    // Every 7 h 13 min over a year and a half, in random order (the cache must not care), some after now.
    const received = Array.from({ length: 1900 }, (_, i) => new Date(Date.parse('2025-05-01T00:00:00Z') + i * 26_000_000));
    received.sort((a, b) => ((a.getTime() * 7919) % 1000) - ((b.getTime() * 7919) % 1000));
    for (const at of received) expect(ageOf(at)).toBe(caseAgeWorkingDays(at, now, calendar));
  });
});

describe('counting callers where the contacts are stored', () => {
  it('gives the score of the contacts themselves, anonymous contacts together one caller', () => {
    const sets: PriorityInput['contacts'][] = [
      [],
      [{ callerKey: null }],
      [{ callerKey: null }, { callerKey: null }, { callerKey: 'a' }],
      Array.from({ length: 300 }, (_, i) => ({ callerKey: `k${i % 120}` })),
      Array.from({ length: 5000 }, (_, i) => ({ callerKey: i % 7 === 0 ? null : `k${i}` })),
    ];
    for (const contacts of sets) {
      const keyed = new Set(contacts.flatMap((c) => (c.callerKey === null ? [] : [c.callerKey]))).size;
      const callers = keyed + (contacts.some((c) => c.callerKey === null) ? 1 : 0);
      const input = { urgency: 'normal' as const, vulnerabilities: ['elderly' as const], ageWorkingDays: 2.5 };
      expect(priorityScoreOfCallers({ ...input, callers })).toEqual(priorityScore({ ...input, contacts }));
    }
  });
});
