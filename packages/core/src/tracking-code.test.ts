import { describe, expect, it } from 'vitest';
import { TRACKING_CODE_BYTES, TRACKING_CODE_LENGTH, TRACKING_TIME_CHARS, encodeTrackingCode, normalizeTrackingCode, trackingTimePrefix } from './tracking-code.js';

const AT = Date.UTC(2026, 11, 6, 23, 0, 0);

describe('tracking codes', () => {
  it('carry ≥ 80 random bits in 20 Crockford base-32 characters, behind 4 of clock', () => {
    expect((TRACKING_CODE_LENGTH - TRACKING_TIME_CHARS) * 5).toBeGreaterThanOrEqual(80);
    expect(TRACKING_CODE_BYTES * 8).toBeGreaterThanOrEqual((TRACKING_CODE_LENGTH - TRACKING_TIME_CHARS) * 5);
    const high = encodeTrackingCode(new Uint8Array(TRACKING_CODE_BYTES).fill(0xff), AT);
    const low = encodeTrackingCode(new Uint8Array(TRACKING_CODE_BYTES), AT);
    expect(high).toHaveLength(TRACKING_CODE_LENGTH);
    expect(high.slice(TRACKING_TIME_CHARS)).toBe('Z'.repeat(16));
    expect(low.slice(TRACKING_TIME_CHARS)).toBe('0'.repeat(16));
    expect(high.slice(0, TRACKING_TIME_CHARS)).toBe(trackingTimePrefix(AT));
  });
  it('use every random bit: one flipped input bit changes the code', () => {
    for (let bit = 0; bit < TRACKING_CODE_BYTES * 8; bit++) {
      const b = new Uint8Array(TRACKING_CODE_BYTES);
      b[bit >> 3] = 0x80 >> (bit & 7);
      expect(encodeTrackingCode(b, AT)).not.toBe(encodeTrackingCode(new Uint8Array(TRACKING_CODE_BYTES), AT));
    }
  });
  it('sort in the order they were made, 16 ms apart, within a cycle of 2^20 steps', () => {
    const steps = [0, 1, 31, 32, 1023, 1024, 2 ** 20 - 1].map((s) => trackingTimePrefix(s * 16));
    expect(steps[0]).toBe('0000');
    expect(steps.at(-1)).toBe('ZZZZ');
    expect([...steps].sort()).toEqual(steps);
    expect(trackingTimePrefix(AT)).toBe(trackingTimePrefix(AT + 15 - (AT % 16)));
    // The clock comes round every 2^20 × 16 ms (4.66 h): a code's prefix tells the time of day, not the date.
    expect(trackingTimePrefix(2 ** 20 * 16)).toBe('0000');
    expect(trackingTimePrefix(AT + 2 ** 20 * 16)).toBe(trackingTimePrefix(AT));
  });
  it('refuse too little randomness', () => {
    expect(() => encodeTrackingCode(new Uint8Array(8), AT)).toThrow(RangeError);
  });
  it('normalise what a citizen types and reject the rest', () => {
    expect(normalizeTrackingCode('abcde-fghjk mnpqr-stvwx')).toBe('ABCDEFGHJKMNPQRSTVWX');
    expect(normalizeTrackingCode('o1l0000000000000000I')).toBe('01100000000000000001');
    expect(normalizeTrackingCode('U'.repeat(20))).toBeNull();
    expect(normalizeTrackingCode('ABC')).toBeNull();
  });
});
