import { describe, expect, it } from 'vitest';
import { cityMonth, isMonth, percent, waitParts } from './month';

describe('report months and figures', () => {
  it('takes the month in Beijing, not UTC', () => {
    expect(cityMonth(new Date('2026-02-28T16:30:00Z'))).toBe('2026-03');
    expect(cityMonth(new Date('2026-02-28T15:30:00Z'))).toBe('2026-02');
  });

  it('accepts only real months', () => {
    expect(['2026-03', '2026-13', '2026-3', null].map(isMonth)).toEqual([true, false, false, false]);
  });

  it('formats rates and waits', () => {
    expect(percent(null)).toBe('—');
    expect(percent(2 / 3)).toBe('66.7%');
    expect(percent(1)).toBe('100.0%');
    expect(waitParts(45)).toEqual({ value: '45', unit: 'minutes' });
    expect(waitParts(180)).toEqual({ value: '3.0', unit: 'hours' });
    expect(waitParts(4320)).toEqual({ value: '3.0', unit: 'days' });
    expect(waitParts(null)).toBeNull();
  });
});
