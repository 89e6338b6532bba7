import { CASE_TYPES } from '@openline/core';
import { describe, expect, it } from 'vitest';
import type { DeadlinePolicy, StageSpans } from '../../../api/settings';
import { isValidPolicy, policyRows, spansOf, withSpan } from './policyRows';

const spans = (hours: number): StageSpans => ({
  accept: { amount: hours, unit: 'working_hours' },
  contact: { amount: 1, unit: 'working_days' },
  resolve: { amount: 7, unit: 'working_days' },
});
const both = () => ({ normal: spans(2), urgent: spans(1) });
const policy: DeadlinePolicy = {
  byType: { consultation: both(), help: both(), complaint: both(), report: both(), suggestion: both(), praise: both() },
  utilitiesOutage: spans(1),
  complexResolve: { amount: 15, unit: 'working_days' },
};

describe('policy editor rows', () => {
  it('has one row per type and urgency, then the utility outages', () => {
    expect(policyRows(policy).map((row) => (row.kind === 'byType' ? `${row.type}/${row.urgency}` : row.kind))).toEqual([
      ...CASE_TYPES.flatMap((type) => [`${type}/normal`, `${type}/urgent`]),
      'utilitiesOutage',
    ]);
    expect(policyRows(policy).slice(0, 2)).toEqual([{ kind: 'byType', type: 'consultation', urgency: 'normal' }, { kind: 'byType', type: 'consultation', urgency: 'urgent' }]);
  });

  it('changes exactly one span and leaves the original policy alone', () => {
    const row = { kind: 'byType' as const, type: 'complaint' as const, urgency: 'urgent' as const };
    const next = withSpan(policy, row, 'resolve', { amount: 24, unit: 'natural_hours' });
    expect(spansOf(next, row)?.resolve).toEqual({ amount: 24, unit: 'natural_hours' });
    expect(spansOf(policy, row)?.resolve).toEqual({ amount: 7, unit: 'working_days' });
    expect(spansOf(next, { kind: 'byType', type: 'complaint', urgency: 'normal' })).toBe(spansOf(policy, { kind: 'byType', type: 'complaint', urgency: 'normal' }));
  });

  it('refuses zero and fractional amounts', () => {
    expect(isValidPolicy(policy)).toBe(true);
    expect(isValidPolicy(withSpan(policy, { kind: 'utilitiesOutage' }, 'accept', { amount: 0, unit: 'natural_hours' }))).toBe(false);
    expect(isValidPolicy({ ...policy, complexResolve: { amount: 1.5, unit: 'working_days' } })).toBe(false);
  });
});
