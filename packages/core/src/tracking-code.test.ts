import { describe, expect, it } from 'vitest';
import { TRACKING_CODE_BYTES, TRACKING_CODE_LENGTH, encodeTrackingCode, normalizeTrackingCode } from './tracking-code.js';

describe('tracking codes', () => {
  it('encode ≥ 80 random bits as 20 Crockford base-32 characters', () => {
    expect(TRACKING_CODE_LENGTH * 5).toBeGreaterThanOrEqual(80);
    const code = encodeTrackingCode(new Uint8Array(TRACKING_CODE_BYTES).fill(0xff));
    expect(code).toBe('Z'.repeat(20));
    expect(encodeTrackingCode(new Uint8Array(TRACKING_CODE_BYTES))).toBe('0'.repeat(20));
  });
  it('use every bit: one flipped input bit changes the code', () => {
    const a = new Uint8Array(TRACKING_CODE_BYTES);
    const b = new Uint8Array(TRACKING_CODE_BYTES);
    b[0] = 0x80;
    expect(encodeTrackingCode(a)).not.toBe(encodeTrackingCode(b));
  });
  it('refuse too little randomness', () => {
    expect(() => encodeTrackingCode(new Uint8Array(8))).toThrow(RangeError);
  });
  it('normalise what a citizen types and reject the rest', () => {
    expect(normalizeTrackingCode('abcde-fghjk mnpqr-stvwx')).toBe('ABCDEFGHJKMNPQRSTVWX');
    expect(normalizeTrackingCode('o1l0000000000000000I')).toBe('01100000000000000001');
    expect(normalizeTrackingCode('U'.repeat(20))).toBeNull();
    expect(normalizeTrackingCode('ABC')).toBeNull();
  });
});
