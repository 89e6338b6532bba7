import { describe, expect, it } from 'vitest';
import { suggestedUnitOf } from './suggestedUnit';

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
