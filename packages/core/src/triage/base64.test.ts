import { describe, expect, it } from 'vitest';
import {
  base64ToBytes,
  base64ToFloat32,
  base64ToSortedInts,
  bytesToBase64,
  float32ToBase64,
  sortedIntsToBase64,
} from './base64.js';

describe('base64', () => {
  it('matches the standard encoding for every padding length', () => {
    const cases: [number[], string][] = [
      [[], ''],
      [[102], 'Zg=='],
      [[102, 111], 'Zm8='],
      [[102, 111, 111], 'Zm9v'],
      [[0, 255, 128, 1], 'AP+AAQ=='],
    ];
    for (const [bytes, text] of cases) {
      expect(bytesToBase64(Uint8Array.from(bytes))).toBe(text);
      expect(Array.from(base64ToBytes(text))).toEqual(bytes);
    }
  });

  it('round-trips float32 bit-exactly, including special values', () => {
    const values = Float32Array.from([0, -0, 1.5, -3.25e-30, 3.4e38, Infinity, Math.PI]);
    expect(base64ToFloat32(float32ToBase64(values))).toEqual(values);
  });

  it('round-trips ascending integers through gap encoding', () => {
    const values = Int32Array.from([0, 3, 4, 1000, 1048575]);
    expect(base64ToSortedInts(sortedIntsToBase64(values))).toEqual(values);
  });

  it('rejects malformed text', () => {
    expect(() => base64ToBytes('abc')).toThrow(SyntaxError);
    expect(() => base64ToBytes('ab$=')).toThrow(SyntaxError);
  });
});
