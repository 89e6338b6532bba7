import { describe, expect, it } from 'vitest';
import { checkIdNumber, idCheckCharacter, normalizeIdNumber } from './id-number.js';

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

describe('checkIdNumber', () => {
  it('says which part is wrong: format, then birth date, then the check character', () => {
    expect(checkIdNumber('11010519491231002')).toEqual({ ok: false, reason: 'format' });
    expect(checkIdNumber('110105194912310021')).toEqual({ ok: false, reason: 'checksum' });
    // 1949-02-30 does not exist; its check character is right, so only the date is wrong.
    const feb30 = '11010519490230002';
    expect(checkIdNumber(feb30 + idCheckCharacter(feb30))).toEqual({ ok: false, reason: 'birthdate' });
    const before1900 = '11010518991231002';
    expect(checkIdNumber(before1900 + idCheckCharacter(before1900))).toEqual({ ok: false, reason: 'birthdate' });
  });
  it('reads full-width digits, spaces and a lower-case x', () => {
    expect(checkIdNumber('１１０１０５ １９４９１２３１ ００２ｘ')).toEqual({ ok: true, id: '11010519491231002X' });
    expect(normalizeIdNumber('110105 19491231 002x')).toBe('11010519491231002X');
  });
  it('accepts a division code that no longer exists (崇文区 110103, merged in 2010)', () => {
    const first17 = '11010319750606123';
    expect(checkIdNumber(first17 + idCheckCharacter(first17))).toEqual({ ok: true, id: first17 + idCheckCharacter(first17) });
  });
  it('accepts the 15-digit legacy form only when asked, checking its 19YYMMDD date', () => {
    expect(checkIdNumber('110102560312153', { legacy15: true })).toEqual({ ok: true, id: '110102560312153' });
    expect(checkIdNumber('110102560230153', { legacy15: true })).toEqual({ ok: false, reason: 'birthdate' });
    expect(checkIdNumber('110102560312153')).toEqual({ ok: false, reason: 'format' });
    expect(normalizeIdNumber('110102560312153')).toBeNull();
  });
});
