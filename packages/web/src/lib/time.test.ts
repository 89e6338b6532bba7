import { describe, expect, it } from 'vitest';
import { formatCityTime, formatMonth } from './time';

describe('formatCityTime', () => {
  it('shows Beijing time whatever the machine zone is', () => {
    // 16:30 UTC is 00:30 the next day in Beijing: the case belongs to the 29th there.
    expect(formatCityTime('2026-11-28T16:30:00Z')).toBe('2026-11-29 00:30');
  });

  it('uses a 24-hour clock with leading zeros', () => {
    expect(formatCityTime('2026-01-02T01:05:00Z')).toBe('2026-01-02 09:05');
  });

  it('passes an unparseable value through rather than showing "Invalid Date"', () => {
    expect(formatCityTime('not a date')).toBe('not a date');
  });
});

describe('formatMonth', () => {
  it('writes a month as each language does, whatever the machine zone is', () => {
    expect(formatMonth('2026-12', 'zh-CN')).toBe('2026年12月');
    expect(formatMonth('2026-12', 'en')).toBe('December 2026');
    expect(formatMonth('2027-01', 'zh-CN')).toBe('2027年1月');
  });

  it('passes anything but YYYY-MM through', () => {
    expect(formatMonth('', 'zh-CN')).toBe('');
    expect(formatMonth('2026-12-05', 'en')).toBe('2026-12-05');
  });
});
