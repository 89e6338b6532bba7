import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS, RATE_LIMIT_SCOPES, fixedWindow, rateLimitSettingsSchema, secondsUntil } from './rate-limits.js';

describe('rate limits', () => {
  it('puts every moment of a window in the same aligned window', () => {
    const at = Date.parse('2026-03-01T10:07:30Z');
    expect(fixedWindow(at, 600)).toEqual({ startMs: Date.parse('2026-03-01T10:00:00Z'), endMs: Date.parse('2026-03-01T10:10:00Z') });
    expect(fixedWindow(Date.parse('2026-03-01T10:09:59.999Z'), 600).startMs).toBe(Date.parse('2026-03-01T10:00:00Z'));
    expect(fixedWindow(Date.parse('2026-03-01T10:10:00Z'), 600).startMs).toBe(Date.parse('2026-03-01T10:10:00Z'));
  });

  it('says how long to wait in whole seconds, never zero', () => {
    expect(secondsUntil(1000, 61_000)).toBe(60);
    expect(secondsUntil(1000, 1_500)).toBe(1);
    expect(secondsUntil(2000, 1_500)).toBe(1);
  });

  it('has a valid default for every scope and refuses nonsense', () => {
    expect(rateLimitSettingsSchema.parse(DEFAULT_RATE_LIMITS)).toEqual(DEFAULT_RATE_LIMITS);
    expect(Object.keys(DEFAULT_RATE_LIMITS).sort()).toEqual([...RATE_LIMIT_SCOPES].sort());
    expect(rateLimitSettingsSchema.safeParse({ ...DEFAULT_RATE_LIMITS, appealPerPhone: { max: 0, windowSeconds: 60 } }).success).toBe(false);
    expect(rateLimitSettingsSchema.safeParse({ ...DEFAULT_RATE_LIMITS, smsPerSender: { max: 5, windowSeconds: 2.5 } }).success).toBe(false);
    const { loginPerAddress: _, ...missing } = DEFAULT_RATE_LIMITS;
    expect(rateLimitSettingsSchema.safeParse(missing).success).toBe(false);
  });
});
