import { describe, expect, it } from 'vitest';
import { planCtiTraffic } from './plan.js';

describe('CTI bench traffic plan', () => {
  const plan = planCtiTraffic({ events: 2000, lines: ['0000-88001234'], users: ['a', 'b'], runId: 'r' });
  const all = plan.calls.flatMap((c) => c.events);

  it('has the faults real bridges have: duplicates, answers after the hangup, forms and JSON, anonymous callers', () => {
    expect(all.length).toBe(plan.events);
    expect(plan.events).toBeGreaterThanOrEqual(2000);
    expect(all.filter((e) => e.duplicate).length).toBe(plan.events - plan.distinctEvents);
    expect(plan.events - plan.distinctEvents).toBeGreaterThan(50);
    const late = plan.calls.filter((c) => c.events.findIndex((e) => e.event === 'answer') > c.events.findIndex((e) => e.event === 'hangup'));
    expect(late.length).toBeGreaterThan(5);
    expect(all.some((e) => e.form && e.body.includes('user%5B%5D=a'))).toBe(true);
    expect(all.some((e) => !e.form && JSON.parse(e.body).from === 'anonymous')).toBe(true);
    expect(plan.calls.every((c) => c.events[0]?.event === 'newCall')).toBe(true);
  });

  it('repeats: the same seed plans the same traffic', () => {
    expect(planCtiTraffic({ events: 2000, lines: ['0000-88001234'], users: ['a', 'b'], runId: 'r' })).toEqual(plan);
  });
});
