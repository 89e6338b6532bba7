import { describe, expect, it } from 'vitest';
import { calledBackWithin, type CallbackRef, type MissedCallRef } from './callbacks.js';

const missed = (id: string, endedAt: string, callerKey: string | null = 'k1', lineId = 'L1'): MissedCallRef => ({ id, lineId, callerKey, endedAt });
const back = (at: string, callerKey: string | null = 'k1', lineId = 'L1'): CallbackRef => ({ lineId, callerKey, at });

describe('calledBackWithin (callbacks within 1 h, DESIGN §6)', () => {
  it('counts a callback 59 min after the missed call ended, and one at exactly 1 h', () => {
    const ids = calledBackWithin([missed('a', '2026-12-05T08:00:00Z'), missed('b', '2026-12-05T09:00:00Z')], [back('2026-12-05T08:59:00Z'), back('2026-12-05T10:00:00Z')]);
    expect([...ids].sort()).toEqual(['a', 'b']);
  });

  it('does not count a callback after 1 h, nor one before the missed call ended', () => {
    const ids = calledBackWithin([missed('a', '2026-12-05T08:00:00Z')], [back('2026-12-05T07:59:59Z'), back('2026-12-05T09:00:01Z')]);
    expect(ids.size).toBe(0);
  });

  it('needs the same line and the same number', () => {
    const ids = calledBackWithin([missed('a', '2026-12-05T08:00:00Z')], [back('2026-12-05T08:10:00Z', 'k2'), back('2026-12-05T08:10:00Z', 'k1', 'L2')]);
    expect(ids.size).toBe(0);
  });

  it('anonymous callers cannot be called back', () => {
    expect(calledBackWithin([missed('a', '2026-12-05T08:00:00Z', null)], [back('2026-12-05T08:10:00Z', null)]).size).toBe(0);
  });

  it('one callback covers every call the person missed in the hour before it', () => {
    const ids = calledBackWithin(
      [missed('a', '2026-12-05T08:00:00Z'), missed('b', '2026-12-05T08:20:00Z'), missed('c', '2026-12-05T06:00:00Z')],
      [back('2026-12-05T08:30:00Z')],
    );
    expect([...ids].sort()).toEqual(['a', 'b']);
  });

  it('finds the right callback among many (unsorted input)', () => {
    const callbacks = Array.from({ length: 200 }, (_, i) => back(new Date(Date.UTC(2026, 11, 5) + i * 3 * 3_600_000).toISOString())).reverse();
    // Callbacks every 3 h: 1 h after one, the next is 2 h away; at 2.5 h, it is 30 min away.
    expect(calledBackWithin([missed('x', new Date(Date.UTC(2026, 11, 5) + 3_600_000).toISOString())], callbacks).size).toBe(0);
    expect(calledBackWithin([missed('y', new Date(Date.UTC(2026, 11, 5) + 2.5 * 3_600_000).toISOString())], callbacks).size).toBe(1);
  });
});
