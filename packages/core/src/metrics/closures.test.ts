import { describe, expect, it } from 'vitest';
import { contactFacts } from './contacts.js';
import { caseFacts, type CaseHistory, type FactDeadline, type FactEvent } from './facts.js';
import { addCounts, emptyCounts, metricRates } from './rates.js';

const TZ = 'Asia/Shanghai';
const ev = (type: string, createdAt: string, payload: Record<string, unknown> = {}): FactEvent => ({ type, createdAt, payload });
const counts = (partial: Partial<ReturnType<typeof emptyCounts>>) => ({ ...emptyCounts(), ...partial });
const resolve = (createdAt: string, dueAt: string, cancelledAt: string | null = null): FactDeadline => ({ unitId: 'u1', createdAt, dueAt, cancelledAt });
const sum = (h: CaseHistory) => caseFacts(h, TZ).reduce((acc, c) => addCounts(acc, c.counts), emptyCounts());

describe('closures, extensions, reopenings', () => {
  it('a reply by the deadline is on time; one after it counts whole days late', () => {
    // Resolve deadline due 03-10T10:00Z. Replied 03-12T04:00Z: 1 d 18 h late → ceil(42 h / 24 h) = 2 days,
    // on the reply day 03-12 (12:00 Beijing). Closures 1, on time 0 → 按期办结率 0/1 = 0.
    const late: CaseHistory = {
      status: 'replied',
      events: [ev('dispatched', '2026-03-02T01:00:00.000Z', { leadUnitId: 'u1' }), ev('replied', '2026-03-12T04:00:00.000Z')],
      contactDeadlines: [],
      resolveDeadlines: [resolve('2026-03-02T01:00:00.000Z', '2026-03-10T10:00:00.000Z')],
    };
    expect(caseFacts(late, TZ)).toEqual([
      { day: '2026-03-02', unitId: 'u1', counts: counts({ dispatched: 1 }) },
      { day: '2026-03-12', unitId: 'u1', counts: counts({ closures: 1, overdueDays: 2 }) },
    ]);
    expect(metricRates(sum(late)).onTimeClosureRate).toBe(0);
    // Exactly at the deadline is on time; a minute late is already a whole day.
    const at = { ...late, events: [late.events[0]!, ev('replied', '2026-03-10T10:00:00.000Z')] };
    expect(sum(at)).toMatchObject({ closures: 1, closedOnTime: 1, overdueDays: 0 });
    const minute = { ...late, events: [late.events[0]!, ev('replied', '2026-03-10T10:01:00.000Z')] };
    expect(sum(minute)).toMatchObject({ closures: 1, closedOnTime: 0, overdueDays: 1 });
  });

  it('an approved extension moves the deadline a reply is judged by, and is counted', () => {
    // Original due 03-10T10:00Z, cancelled by the extension approved 03-09T02:00Z, which sets a new
    // one due 03-13T10:00Z. Reply 03-12T04:00Z: late against the old, on time against the one in force.
    const h: CaseHistory = {
      status: 'replied',
      events: [
        ev('dispatched', '2026-03-02T01:00:00.000Z', { leadUnitId: 'u1' }),
        ev('extension_requested', '2026-03-08T02:00:00.000Z'),
        ev('extension_approved', '2026-03-09T02:00:00.000Z'),
        ev('replied', '2026-03-12T04:00:00.000Z'),
      ],
      contactDeadlines: [],
      resolveDeadlines: [
        resolve('2026-03-02T01:00:00.000Z', '2026-03-10T10:00:00.000Z', '2026-03-09T02:00:00.000Z'),
        resolve('2026-03-09T02:00:00.000Z', '2026-03-13T10:00:00.000Z'),
      ],
    };
    expect(caseFacts(h, TZ)).toEqual([
      { day: '2026-03-02', unitId: 'u1', counts: counts({ dispatched: 1 }) },
      { day: '2026-03-09', unitId: 'u1', counts: counts({ extensions: 1 }) },
      { day: '2026-03-12', unitId: 'u1', counts: counts({ closures: 1, closedOnTime: 1 }) },
    ]);
  });

  it('a reopening counts on the day of the closure it undoes, for the unit that closed', () => {
    // u1 replies 03-03 (closure 1), the visit finds it unsolved, reopened 03-05 to u1, replied again
    // 03-06 (closure 2). Reopened 1 lands on 03-03 → 重办率 1 closure of 2 = 0.5 overall, and 1/1 on 03-03.
    const h: CaseHistory = {
      status: 'replied',
      events: [
        ev('dispatched', '2026-03-02T01:00:00.000Z', { leadUnitId: 'u1' }),
        ev('replied', '2026-03-03T01:00:00.000Z'),
        ev('visited', '2026-03-04T01:00:00.000Z', { solved: false, satisfaction: 'unsatisfied' }),
        ev('reopened', '2026-03-05T01:00:00.000Z', { leadUnitId: 'u1' }),
        ev('replied', '2026-03-06T01:00:00.000Z'),
      ],
      contactDeadlines: [],
    };
    const cells = caseFacts(h, TZ);
    expect(cells.find((c) => c.day === '2026-03-03')?.counts).toEqual(counts({ closures: 1, closedOnTime: 1, reopened: 1 }));
    expect(cells.some((c) => c.day === '2026-03-05')).toBe(false);
    expect(metricRates(sum(h)).reopenRate).toBe(0.5);
  });

  it('counts arbitrations for the unit assigned and supervision notices for the unit sent to', () => {
    // u1 returns, a supervisor arbitrates to u2 on 03-03: u2 dispatched 1 + arbitrations 1.
    // A notice to u2 created 03-04T17:00Z = 03-05 01:00 Beijing → day 03-05.
    const h: CaseHistory = {
      status: 'dispatched',
      events: [
        ev('dispatched', '2026-03-02T01:00:00.000Z', { leadUnitId: 'u1' }),
        ev('returned', '2026-03-02T03:00:00.000Z', { returnedByUnitId: 'u1' }),
        ev('arbitrated', '2026-03-03T01:00:00.000Z', { leadUnitId: 'u2' }),
      ],
      contactDeadlines: [],
      notices: [{ unitId: 'u2', createdAt: '2026-03-04T17:00:00.000Z' }],
    };
    expect(caseFacts(h, TZ)).toEqual([
      { day: '2026-03-02', unitId: 'u1', counts: counts({ dispatched: 1, returns: 1 }) },
      { day: '2026-03-03', unitId: 'u2', counts: counts({ dispatched: 1, arbitrations: 1 }) },
      { day: '2026-03-05', unitId: 'u2', counts: counts({ supervisionNotices: 1 }) },
    ]);
    // Invalidated, none of it counts, notices included.
    expect(caseFacts({ ...h, status: 'invalid' }, TZ)).toEqual([]);
  });
});

describe('contactFacts (直办率)', () => {
  const answered = { status: 'closed', eventTypes: ['created', 'answered_directly'] };
  it('counts every contact for the centre on its local day; only the one that opened an answered case is direct', () => {
    // Received 03-01T16:30Z = 03-02 00:30 Beijing. Three contacts: the opener of a case answered at
    // intake (direct), a repeat contact on it (not), an emergency redirect (not) → 直办率 1/3.
    const opener = contactFacts({ receivedAt: '2026-03-01T16:30:00.000Z', outcome: 'opened_case', case: answered }, TZ);
    expect(opener).toEqual({ day: '2026-03-02', counts: counts({ contacts: 1, directResolved: 1 }) });
    const repeat = contactFacts({ receivedAt: '2026-03-02T02:00:00.000Z', outcome: 'attached', case: answered }, TZ);
    const redirect = contactFacts({ receivedAt: '2026-03-02T03:00:00.000Z', outcome: 'redirected_119', case: null }, TZ);
    const all = [opener, repeat, redirect].reduce((acc, f) => addCounts(acc, f?.counts ?? emptyCounts()), emptyCounts());
    expect(all).toEqual(counts({ contacts: 3, directResolved: 1 }));
    expect(metricRates(all).directResolutionRate).toBe(1 / 3);
  });

  it('a dispatched case is no direct resolution; an invalidated one is no contact at all', () => {
    const dispatched = { status: 'dispatched', eventTypes: ['created', 'dispatched'] };
    expect(contactFacts({ receivedAt: '2026-03-02T02:00:00.000Z', outcome: 'opened_case', case: dispatched }, TZ)?.counts).toEqual(counts({ contacts: 1 }));
    expect(contactFacts({ receivedAt: '2026-03-02T02:00:00.000Z', outcome: 'opened_case', case: { status: 'invalid', eventTypes: [] } }, TZ)).toBeNull();
  });
});
