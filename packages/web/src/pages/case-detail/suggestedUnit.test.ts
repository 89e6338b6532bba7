import { describe, expect, it } from 'vitest';
import { dispatchHintOf, suggestedUnitOf } from './suggestedUnit';

describe('suggestedUnitOf', () => {
  it('reads the unit handed over by the intake page', () => {
    expect(suggestedUnitOf({ suggestedUnit: { unitId: 'u1', unitName: '区水务局' } })).toEqual({ unitId: 'u1', unitName: '区水务局' });
  });
  it('ignores anything else', () => {
    expect(suggestedUnitOf(null)).toBeNull();
    expect(suggestedUnitOf({ suggestedUnit: { unitId: 1 } })).toBeNull();
    expect(suggestedUnitOf('x')).toBeNull();
  });
});

describe('dispatchHintOf', () => {
  const petition = { unitId: 'u2', unitName: '市住建局', source: 'petition' as const, matched: '住建局' };
  it("prefers the operator's choice at intake over the unit the petition named", () => {
    expect(dispatchHintOf({ unitId: 'u1', unitName: '区水务局' }, petition)).toEqual({ kind: 'intake', unitId: 'u1', unitName: '区水务局' });
  });
  it('falls back to the petitioned unit with the words that named it', () => {
    expect(dispatchHintOf(null, petition)).toEqual({ kind: 'petition', unitId: 'u2', unitName: '市住建局', matched: '住建局' });
    expect(dispatchHintOf(null, null)).toBeNull();
    expect(dispatchHintOf(null, undefined)).toBeNull();
  });
});
