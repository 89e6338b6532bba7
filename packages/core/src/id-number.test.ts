import { describe, expect, it } from 'vitest';
import { normalizeIdNumber } from './id-number.js';

describe('resident ID numbers', () => {
  it('accept a valid number, with a lower-case x check character', () => {
    // The GB 11643 worked example.
    expect(normalizeIdNumber('11010519491231002X')).toBe('11010519491231002X');
    expect(normalizeIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
  });
  it('reject a wrong check digit, an impossible birth date, and wrong lengths', () => {
    expect(normalizeIdNumber('110105194912310021')).toBeNull();
    expect(normalizeIdNumber('110105194902300025')).toBeNull();
    expect(normalizeIdNumber('11010519491231002')).toBeNull();
    expect(normalizeIdNumber('abc')).toBeNull();
  });
});
