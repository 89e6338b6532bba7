import { describe, expect, it } from 'vitest';
import { formatCaseNumber, isCaseNumber, localDay } from './case-number.js';

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
});
