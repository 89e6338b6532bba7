import { describe, expect, it } from 'vitest';
import { normalizePhone } from './phone.js';

describe('normalizePhone', () => {
  it('reads Chinese mobiles with or without +86 and separators', () => {
    for (const input of ['13812345678', '+8613812345678', '+86 138-1234-5678', ' 138 1234 5678 ']) {
      expect(normalizePhone(input)).toEqual({ ok: true, e164: '+8613812345678', national: '13812345678' });
    }
  });
  it('reads landlines with their area code', () => {
    expect(normalizePhone('010-12345678')).toMatchObject({ ok: true, e164: '+861012345678' });
  });
  it('refuses what is not a phone number', () => {
    for (const input of ['', '12345', '1381234567', 'abc', '0'.repeat(40), '23812345678']) {
      expect(normalizePhone(input).ok, input).toBe(false);
    }
  });
});
