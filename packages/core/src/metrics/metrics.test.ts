import { describe, expect, it } from 'vitest';
import { caseFacts, type CaseHistory, type FactEvent } from './facts.js';
import { addCounts, emptyCounts, metricRates, rate } from './rates.js';

const TZ = 'Asia/Shanghai';
const ev = (type: string, createdAt: string, payload: Record<string, unknown> = {}): FactEvent => ({ type, createdAt, payload });
const counts = (partial: Partial<ReturnType<typeof emptyCounts>>) => ({ ...emptyCounts(), ...partial });

describe('rates', () => {
  it('divides, and has no rate without a denominator', () => {
    expect(rate(3, 4)).toBe(0.75);
    expect(rate(0, 4)).toBe(0);
    expect(rate(0, 0)).toBeNull();
  });

  it('computes the four published rates from counts', () => {
    // 10 dispatched, 2 returned → 退单率 2/10 = 0.2; 4 due, 3 on time → 响应率 0.75;
    // 5 visits, 4 solved → 解决率 0.8; 5 visits, 2 content → 满意率 0.4.
    const c = counts({ dispatched: 10, returns: 2, responseDue: 4, respondedOnTime: 3, visits: 5, solved: 4, satisfied: 2 });
    expect(metricRates(c)).toMatchObject({ returnRate: 0.2, responseRate: 0.75, resolutionRate: 0.8, satisfactionRate: 0.4 });
  });

  it('an empty period has every rate null, not 0', () => {
    expect(metricRates(emptyCounts())).toEqual({
      returnRate: null, responseRate: null, resolutionRate: null, satisfactionRate: null,
      directResolutionRate: null, onTimeClosureRate: null, reopenRate: null,
    });
  });

  it('adds counts field by field', () => {
    expect(addCounts(counts({ visits: 1, overdue: 2 }), counts({ visits: 2 }))).toEqual(counts({ visits: 3, overdue: 2 }));
  });
});

describe('caseFacts', () => {
  it('attributes a plain case to its unit on local days', () => {
    // Dispatched 2026-03-01T17:00Z = 3月2日 01:00 Beijing → day 2026-03-02, not 03-01.
    // Contact deadline due 03-02T10:00Z (18:00 Beijing, day 03-02), contacted at 09:00Z: on time.
    // Visit 03-05T02:00Z (day 03-05): solved, basically satisfied.
    const h: CaseHistory = {
      status: 'closed',
      events: [
        ev('created', '2026-03-01T16:00:00.000Z'),
        ev('dispatched', '2026-03-01T17:00:00.000Z', { leadUnitId: 'u1' }),
        ev('accepted', '2026-03-02T01:00:00.000Z'),
        ev('contacted', '2026-03-02T09:00:00.000Z'),
        ev('replied', '2026-03-03T01:00:00.000Z'),
        ev('visited', '2026-03-05T02:00:00.000Z', { solved: true, satisfaction: 'basically_satisfied' }),
      ],
      contactDeadlines: [{ unitId: 'u1', createdAt: '2026-03-01T17:00:00.000Z', dueAt: '2026-03-02T10:00:00.000Z', cancelledAt: '2026-03-05T02:00:00.000Z' }],
    };
    expect(caseFacts(h, TZ)).toEqual([
      { day: '2026-03-02', unitId: 'u1', counts: counts({ dispatched: 1, responseDue: 1, respondedOnTime: 1 }) },
      // Replied 03-03T01:00Z (09:00 Beijing): a closure; no resolve deadline given, so none was missed.
      { day: '2026-03-03', unitId: 'u1', counts: counts({ closures: 1, closedOnTime: 1 }) },
      { day: '2026-03-05', unitId: 'u1', counts: counts({ visits: 1, solved: 1, satisfied: 1 }) },
    ]);
  });

  it('a re-dispatch (改派) hands the case to the new unit: its dispatch, its closure', () => {
    const h: CaseHistory = {
      status: 'replied',
      events: [
        ev('created', '2026-03-02T01:00:00.000Z'),
        ev('dispatched', '2026-03-02T02:00:00.000Z', { leadUnitId: 'u1' }),
        ev('accepted', '2026-03-02T03:00:00.000Z'),
        ev('redispatched', '2026-03-03T02:00:00.000Z', { leadUnitId: 'u2', fromUnitId: 'u1' }),
        ev('accepted', '2026-03-03T03:00:00.000Z'),
        ev('replied', '2026-03-04T02:00:00.000Z'),
      ],
      contactDeadlines: [],
    };
    expect(caseFacts(h, TZ)).toEqual([
      { day: '2026-03-02', unitId: 'u1', counts: counts({ dispatched: 1 }) },
      { day: '2026-03-03', unitId: 'u2', counts: counts({ dispatched: 1 }) },
      { day: '2026-03-04', unitId: 'u2', counts: counts({ closures: 1, closedOnTime: 1 }) },
    ]);
  });

  it('counts a return against the returning unit on the day of the dispatch it answers', () => {
    // u1 gets it on 03-02 (Beijing) and returns it on 03-03; u2 gets it on 03-03.
    // u1: dispatched 1, returns 1 on 03-02 (退单率 1/1). Its contact deadline (due 03-03T10:00Z)
    // was withdrawn by the return at 03-03T01:00Z, before falling due, unmet: not counted.
    // u2: dispatched 1 on 03-03; contacted 03-04T11:00Z after its deadline 03-04T10:00Z: due, late.
    const h: CaseHistory = {
      status: 'in_progress',
      events: [
        ev('dispatched', '2026-03-02T01:00:00.000Z', { leadUnitId: 'u1' }),
        ev('returned', '2026-03-03T01:00:00.000Z', { returnedByUnitId: 'u1' }),
        ev('dispatched', '2026-03-03T02:00:00.000Z', { leadUnitId: 'u2' }),
        ev('accepted', '2026-03-03T03:00:00.000Z'),
        ev('contacted', '2026-03-04T11:00:00.000Z'),
      ],
      contactDeadlines: [
        { unitId: 'u1', createdAt: '2026-03-02T01:00:00.000Z', dueAt: '2026-03-03T10:00:00.000Z', cancelledAt: '2026-03-03T01:00:00.000Z' },
        { unitId: 'u2', createdAt: '2026-03-03T02:00:00.000Z', dueAt: '2026-03-04T10:00:00.000Z', cancelledAt: null },
      ],
    };
    expect(caseFacts(h, TZ)).toEqual([
      { day: '2026-03-02', unitId: 'u1', counts: counts({ dispatched: 1, returns: 1 }) },
      { day: '2026-03-03', unitId: 'u2', counts: counts({ dispatched: 1 }) },
      { day: '2026-03-04', unitId: 'u2', counts: counts({ responseDue: 1 }) },
    ]);
  });

  it('a deadline withdrawn after it fell due still counts as missed', () => {
    // Due 03-02T10:00Z, never contacted, merged away at 03-03T00:00Z (after due): 1 due, 0 on time;
    // the sweep's overdue event at 03-02T10:01Z (day 03-02) counts for u1.
    const h: CaseHistory = {
      status: 'merged',
      events: [
        ev('dispatched', '2026-03-02T01:00:00.000Z', { leadUnitId: 'u1' }),
        ev('deadline_overdue', '2026-03-02T10:01:00.000Z', { deadline: 'contact' }),
        ev('merged', '2026-03-03T00:00:00.000Z'),
      ],
      contactDeadlines: [{ unitId: 'u1', createdAt: '2026-03-02T01:00:00.000Z', dueAt: '2026-03-02T10:00:00.000Z', cancelledAt: '2026-03-03T00:00:00.000Z' }],
    };
    expect(caseFacts(h, TZ)).toEqual([{ day: '2026-03-02', unitId: 'u1', counts: counts({ dispatched: 1, responseDue: 1, overdue: 1 }) }]);
  });

  it('a reopened case counts every visit and each cycle’s deadline against its own contacts', () => {
    // Cycle 1: contact deadline due 03-02T10:00Z, contacted 03-02T05:00Z → on time; visit 03-03
    // unsolved, unsatisfied. Reopened 03-03T03:00Z: new deadline due 03-04T10:00Z, and the
    // cycle-1 contact (before the new deadline was set) does not meet it; no new contact yet.
    // Visits on 03-03: 1 visit, 0 solved, 0 satisfied. Cycle 2 then visited 03-06: solved, satisfied.
    // Totals: responseDue 2 (03-02, 03-04), on time 1 → 响应率 0.5; visits 2, solved 1, satisfied 1.
    // No reply is recorded here, so the reopening undoes no closure on record and is not counted.
    const h: CaseHistory = {
      status: 'closed',
      events: [
        ev('dispatched', '2026-03-02T01:00:00.000Z', { leadUnitId: 'u1' }),
        ev('contacted', '2026-03-02T05:00:00.000Z'),
        ev('visited', '2026-03-03T02:00:00.000Z', { solved: false, satisfaction: 'unsatisfied' }),
        ev('reopened', '2026-03-03T03:00:00.000Z', { leadUnitId: 'u1' }),
        ev('visited', '2026-03-06T02:00:00.000Z', { solved: true, satisfaction: 'satisfied' }),
      ],
      contactDeadlines: [
        { unitId: 'u1', createdAt: '2026-03-02T01:00:00.000Z', dueAt: '2026-03-02T10:00:00.000Z', cancelledAt: '2026-03-03T03:00:00.000Z' },
        { unitId: 'u1', createdAt: '2026-03-03T03:00:00.000Z', dueAt: '2026-03-04T10:00:00.000Z', cancelledAt: null },
      ],
    };
    const all = caseFacts(h, TZ).reduce((sum, c) => addCounts(sum, c.counts), emptyCounts());
    expect(all).toEqual(counts({ dispatched: 1, responseDue: 2, respondedOnTime: 1, visits: 2, solved: 1, satisfied: 1 }));
    expect(metricRates(all)).toMatchObject({ returnRate: 0, responseRate: 0.5, resolutionRate: 0.5, satisfactionRate: 0.5 });
  });

  it('an invalidated case contributes nothing; restored, it counts again', () => {
    const events = [ev('dispatched', '2026-03-02T01:00:00.000Z', { leadUnitId: 'u1' }), ev('invalidated', '2026-03-02T02:00:00.000Z')];
    expect(caseFacts({ status: 'invalid', events, contactDeadlines: [] }, TZ)).toEqual([]);
    const restored = [...events, ev('restored', '2026-03-02T03:00:00.000Z')];
    expect(caseFacts({ status: 'received', events: restored, contactDeadlines: [] }, TZ)).toEqual([
      { day: '2026-03-02', unitId: 'u1', counts: counts({ dispatched: 1 }) },
    ]);
  });

  it('the contact exactly at the deadline is on time; a millisecond later is not', () => {
    const base = { status: 'in_progress', events: [] as FactEvent[] };
    const deadline = { unitId: 'u1', createdAt: '2026-03-02T01:00:00.000Z', dueAt: '2026-03-02T10:00:00.000Z', cancelledAt: null };
    const at = caseFacts({ ...base, events: [ev('contacted', '2026-03-02T10:00:00.000Z')], contactDeadlines: [deadline] }, TZ);
    expect(at[0]?.counts.respondedOnTime).toBe(1);
    const late = caseFacts({ ...base, events: [ev('contacted', '2026-03-02T10:00:00.001Z')], contactDeadlines: [deadline] }, TZ);
    expect(late[0]?.counts).toEqual(counts({ responseDue: 1 }));
  });
});
