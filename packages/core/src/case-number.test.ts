import { describe, expect, it } from 'vitest';
import { caseNumberPrefixDays, caseNumberPrefixRange, formatCaseNumber, isCaseNumber, localDay } from './case-number.js';

describe('case numbers', () => {
  it('use the local day of the jurisdiction', () => {
    expect(localDay(new Date('2026-11-27T15:59:59Z'), 'Asia/Shanghai')).toBe('20261127');
    expect(localDay(new Date('2026-11-27T16:00:00Z'), 'Asia/Shanghai')).toBe('20261128');
    expect(localDay(new Date('2026-11-27T16:00:00Z'), 'UTC')).toBe('20261127');
  });
  it('are YYYYMMDD-NNNNNN and grow past a million a day rather than wrap', () => {
    expect(formatCaseNumber('20261128', 123)).toBe('20261128-000123');
    expect(formatCaseNumber('20261128', 1_234_567)).toBe('20261128-1234567');
    expect(isCaseNumber('20261128-000123')).toBe(true);
    expect(isCaseNumber('2026112-000123')).toBe(false);
  });
  it('refuse nonsense', () => {
    expect(() => formatCaseNumber('2026-11-28', 1)).toThrow(RangeError);
    expect(() => formatCaseNumber('20261128', 0)).toThrow(RangeError);
  });
  it('read a typed prefix as a byte range and as the days its numbers can fall on (ADR 0051)', () => {
    expect(caseNumberPrefixRange('20261205-')).toEqual({ from: '20261205-', below: '20261205.' });
    expect(caseNumberPrefixRange('2029')).toEqual({ from: '2029', below: '202:' });
    // Every number of a day lies in its range, and in the days named; the next day's in neither.
    const { from, below } = caseNumberPrefixRange('2026120');
    for (const n of ['20261201-000001', '20261209-999999', '20261209-1234567']) expect(n >= from && n < (below ?? '')).toBe(true);
    expect('20261210-000001' < (below ?? '')).toBe(false);
    expect(caseNumberPrefixDays('2026120')).toEqual({ from: '2026-12-01', below: '2026-12-10' });
    expect(caseNumberPrefixDays('2029')).toEqual({ from: '2029-01-01', below: '2030-01-01' });
    expect(caseNumberPrefixDays('9999')).toEqual({ from: '9999-01-01', below: null });
  });
});
