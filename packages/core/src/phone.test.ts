import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import metadata from 'libphonenumber-js/metadata.max.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { CN_MOBILE_PATTERN, normalizePhone } from './phone.js';

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

describe('normalizePhone’s fast path for plain Chinese mobiles (ADR 0054)', () => {
  it('uses the CN mobile pattern of the metadata libphonenumber parses with', () => {
    // The compressed metadata: countries.CN[11] lists the number types, fixed line first, then
    // mobile as [pattern, possible lengths].
    const cn = (metadata as unknown as { countries: Record<string, unknown[]> }).countries.CN;
    expect((cn?.[11] as Array<[string, number[]]> | undefined)?.[1]?.[0]).toBe(CN_MOBILE_PATTERN);
  });
  it('answers what the full parse answers, for every five-digit prefix', () => {
    let fast = 0;
    for (let prefix = 10000; prefix < 20000; prefix++) {
      const national = `${prefix}${String((prefix * 7919) % 1_000_000).padStart(6, '0')}`;
      for (const input of [prefix % 2 === 0 ? national : `+86${national}`]) {
        const parsed = parsePhoneNumberFromString(input, 'CN');
        const expected = parsed?.isValid() ? { ok: true, e164: parsed.number, national: parsed.nationalNumber } : { ok: false };
        expect(normalizePhone(input), input).toEqual(expected);
        if (expected.ok) fast++;
      }
    }
    expect(fast).toBeGreaterThan(5000);
  }, 60_000);
});
