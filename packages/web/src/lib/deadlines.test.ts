import { describe, expect, it } from 'vitest';
import type { CaseDeadline } from '../api/cases';
import { deadlineState, sortDeadlines } from './deadlines';

const base: CaseDeadline = {
  kind: 'resolve',
  dueAt: '2026-12-01T10:00:00Z',
  remindAt: '2026-12-01T04:00:00Z',
  metAt: null,
  overdueAt: null,
  cancelledAt: null,
};
const at = (iso: string) => Date.parse(iso);

describe('deadlineState', () => {
  it('runs, then is due soon from the reminder time, then is overdue at the due time', () => {
    expect(deadlineState(base, at('2026-12-01T03:59:00Z'))).toBe('running');
    expect(deadlineState(base, at('2026-12-01T04:00:00Z'))).toBe('dueSoon');
    expect(deadlineState(base, at('2026-12-01T10:00:00Z'))).toBe('overdue');
  });

  it("trusts the sweeper's overdue mark when this browser's clock is a little behind", () => {
    expect(deadlineState({ ...base, overdueAt: '2026-12-01T10:00:05Z' }, at('2026-12-01T09:59:00Z'))).toBe('overdue');
  });

  it('ticks a met deadline even after its due time', () => {
    expect(deadlineState({ ...base, metAt: '2026-12-01T11:00:00Z' }, at('2026-12-02T00:00:00Z'))).toBe('met');
  });

  it('greys out a cancelled deadline', () => {
    expect(deadlineState({ ...base, cancelledAt: '2026-11-30T00:00:00Z' }, at('2026-12-02T00:00:00Z'))).toBe('cancelled');
  });
});

describe('sortDeadlines', () => {
  it('puts what is overdue first and what no longer counts last', () => {
    const now = at('2026-12-01T12:00:00Z');
    const overdue: CaseDeadline = { ...base, kind: 'contact', dueAt: '2026-12-01T11:00:00Z', remindAt: '2026-12-01T10:00:00Z' };
    const met: CaseDeadline = { ...base, kind: 'accept', dueAt: '2026-11-30T00:00:00Z', metAt: '2026-11-29T00:00:00Z' };
    const running = { ...base, dueAt: '2026-12-09T00:00:00Z', remindAt: '2026-12-08T00:00:00Z' };
    expect(sortDeadlines([met, running, overdue], now).map((d) => d.kind)).toEqual(['contact', 'resolve', 'accept']);
  });
});
