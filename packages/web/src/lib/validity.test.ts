import { describe, expect, it } from 'vitest';
import { cityDayOf, daysToValidity, validityState, validityToDays } from './validity';

const now = Date.parse('2026-11-28T04:00:00Z');

describe('validityState', () => {
  it('is current without bounds or inside them', () => {
    expect(validityState(null, null, now)).toBe('current');
    expect(validityState('2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z', now)).toBe('current');
  });
  it('is pending before validFrom and expired from validTo on', () => {
    expect(validityState('2026-11-29T00:00:00Z', null, now)).toBe('pending');
    expect(validityState(null, '2026-11-28T04:00:00Z', now)).toBe('expired');
  });
});

describe('validity days', () => {
  it('round-trips Beijing days with an exclusive end', () => {
    const instants = daysToValidity('2026-11-01', '2026-11-30');
    expect(instants).toEqual({ validFrom: '2026-10-31T16:00:00.000Z', validTo: '2026-11-30T16:00:00.000Z' });
    expect(validityToDays(instants.validFrom, instants.validTo)).toEqual(['2026-11-01', '2026-11-30']);
  });
  it('keeps open bounds open', () => {
    expect(daysToValidity(null, null)).toEqual({ validFrom: null, validTo: null });
    expect(validityToDays(null, null)).toEqual([null, null]);
  });
  it('reads an instant on the Beijing calendar', () => {
    expect(cityDayOf('2026-11-28T17:00:00Z')).toBe('2026-11-29');
  });
});
