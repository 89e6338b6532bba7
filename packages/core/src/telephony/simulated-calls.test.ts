import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.js';
import { CALL_ARRIVALS_BY_HOUR, localHourOf, planSimulatedCalls, type SimulatedLine } from './simulated-calls.js';

const DAY = 86_400_000;
const FROM = Date.parse('2026-03-01T16:00:00Z'); // local midnight in Asia/Shanghai
const fine: SimulatedLine = { number: '0000-12345', peakCallsPerHour: 40, answerRate: 0.995, waitSeconds: [2, 10] };
const cold: SimulatedLine = { number: '0000-66002345', peakCallsPerHour: 20, answerRate: 0.6, waitSeconds: [10, 40], voicemail: true };
const plan = (lines: SimulatedLine[], seed = 7, days = 7) =>
  planSimulatedCalls({ lines, fromMs: FROM, toMs: FROM + days * DAY, utcOffsetHours: 8, users: ['a', 'b'], random: seededRandom(seed) });

describe('simulated calls', () => {
  const calls = plan([fine, cold]);
  const inbound = (line: number) => calls.filter((c) => c.line === line && c.direction === 'in');
  const rate = (line: number) => inbound(line).filter((c) => c.outcome === 'answered').length / inbound(line).length;

  it('repeats exactly for a seed and differs for another', () => {
    expect(plan([fine, cold])).toEqual(calls);
    expect(plan([fine, cold], 8)).not.toEqual(calls);
  });

  it('follows the hour-of-day profile: the morning peak has many times the calls of the small hours', () => {
    const byHour = Array.from({ length: 24 }, (_, h) => calls.filter((c) => localHourOf(c.offeredAtMs, 8) === h).length);
    expect((byHour[9] ?? 0) + (byHour[10] ?? 0)).toBeGreaterThan(8 * ((byHour[2] ?? 0) + (byHour[3] ?? 0) + 1));
    expect(CALL_ARRIVALS_BY_HOUR).toHaveLength(24);
    expect(calls.every((c, i) => i === 0 || (calls[i - 1]?.offeredAtMs ?? 0) <= c.offeredAtMs)).toBe(true);
    expect(calls.every((c) => c.offeredAtMs >= FROM && c.offeredAtMs < FROM + 7 * DAY)).toBe(true);
  });

  it('answers a well-staffed line and leaves an understaffed one cold, with every unanswered outcome', () => {
    expect(rate(0)).toBeGreaterThan(0.97);
    expect(rate(1)).toBeLessThan(0.8);
    const outcomes = new Set(calls.map((c) => c.outcome));
    expect([...outcomes].sort()).toEqual(['abandoned', 'answered', 'busy', 'missed', 'voicemail']);
    expect(inbound(0).filter((c) => c.outcome === 'answered').every((c) => c.waitSeconds >= 2 && c.waitSeconds <= 10 && c.answeredBy !== null)).toBe(true);
    expect(calls.filter((c) => c.outcome === 'abandoned').every((c) => c.cause === 'cancel' && c.talkSeconds === 0)).toBe(true);
  });

  it('has withheld numbers, repeat callers and outbound callbacks', () => {
    expect(calls.some((c) => c.citizen === null)).toBe(true);
    const counts = new Map<string, number>();
    for (const c of calls) if (c.citizen) counts.set(c.citizen, (counts.get(c.citizen) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeGreaterThan(3);
    expect(calls.some((c) => c.direction === 'out')).toBe(true);
  });

  it('takes no calls on a closed staffed line, and sends a closed direct line\'s callers to voicemail or nowhere', () => {
    const closed = () => false;
    expect(plan([{ ...fine, isOpen: closed }], 7, 2)).toEqual([]);
    const direct = plan([{ ...cold, isOpen: closed, ringsWhenClosed: true }], 7, 2);
    expect(direct.length).toBeGreaterThan(0);
    expect(direct.every((c) => c.outcome !== 'answered' && c.direction === 'in')).toBe(true);
  });
});
