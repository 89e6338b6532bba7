import { describe, expect, it } from 'vitest';
import { FREQUENT_CALLER } from '../metrics/fairness.js';
import { capCount, HISTORY_COUNT_CAP } from './caller-history.js';
import { historyWindowStart, isFrequentByCount, popAudience } from './screen-pop.js';

describe('screen-pop rules', () => {
  it('rings staffed and tip lines at the centre, a direct line at its owner, an SMS line nowhere', () => {
    expect(popAudience({ mode: 'staffed', ownerUserId: 'u1' })).toEqual({ kind: 'centre_operators' });
    // A tip line's owner (a police leader) must never see who calls it (ADR 0006).
    expect(popAudience({ mode: 'tip', ownerUserId: 'u1' })).toEqual({ kind: 'centre_operators' });
    expect(popAudience({ mode: 'direct', ownerUserId: 'u1' })).toEqual({ kind: 'owner', userId: 'u1' });
    expect(popAudience({ mode: 'direct', ownerUserId: null })).toEqual({ kind: 'centre_operators' });
    expect(popAudience({ mode: 'sms_only', ownerUserId: 'u1' })).toEqual({ kind: 'nobody' });
  });

  it('calls a caller frequent above 5 contacts in 30 days', () => {
    expect(isFrequentByCount(5)).toBe(false);
    expect(isFrequentByCount(6)).toBe(true);
    expect(historyWindowStart(new Date('2026-03-31T00:00:00.000Z'))).toBe('2026-03-01T00:00:00.000Z');
  });

  it('stops the 30-day counts at the cap, far above the frequent-caller threshold', () => {
    // The frequent rule must be decided on an exact count: the cap has to stay above its threshold.
    expect(HISTORY_COUNT_CAP).toBeGreaterThan(FREQUENT_CALLER.overContacts);
    expect(capCount(0)).toEqual({ count: 0, capped: false });
    expect(capCount(HISTORY_COUNT_CAP - 1)).toEqual({ count: HISTORY_COUNT_CAP - 1, capped: false });
    // Read through LIMIT cap: reaching it means "that many or more".
    expect(capCount(HISTORY_COUNT_CAP)).toEqual({ count: HISTORY_COUNT_CAP, capped: true });
    expect(capCount(4, 3)).toEqual({ count: 3, capped: true });
  });
});
