import { describe, expect, it } from 'vitest';
import { confirmedVulnerabilities, isVulnerability, normalizeVulnerabilities, sameVulnerabilities } from './flags.js';

describe('confirmed vulnerability flags', () => {
  it('keeps known flags once, in the canonical order', () => {
    expect(normalizeVulnerabilities(['child', 'elderly', 'child'])).toEqual(['elderly', 'child']);
    expect(confirmedVulnerabilities.parse(['low_income', 'disabled', 'disabled'])).toEqual(['disabled', 'low_income']);
    expect(confirmedVulnerabilities.parse([])).toEqual([]);
  });

  it('refuses a flag it does not know instead of dropping it', () => {
    const result = confirmedVulnerabilities.safeParse(['elderly', 'veteran']);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([1]);
  });

  it('compares lists regardless of order and repeats', () => {
    expect(sameVulnerabilities(['child', 'elderly'], ['elderly', 'child', 'child'])).toBe(true);
    expect(sameVulnerabilities(['child'], ['child', 'pregnant'])).toBe(false);
    expect(sameVulnerabilities([], [])).toBe(true);
  });

  it('tells stored codes it knows from others', () => {
    expect(isVulnerability('pregnant')).toBe(true);
    expect(isVulnerability('veteran')).toBe(false);
  });
});
