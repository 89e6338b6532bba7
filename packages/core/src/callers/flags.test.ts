import { describe, expect, it } from 'vitest';
import { exceedsFrequentRule, flaggedCallRecipients, frequentCountStart, raiseAbuseFlagInput } from './flags.js';

const DAY = 86_400_000;

describe('caller flags', () => {
  const now = new Date('2026-12-05T08:00:00Z');

  it('counts frequent contacts over the last 30 days, or since the flag was last cleared', () => {
    expect(frequentCountStart(now, null).getTime()).toBe(now.getTime() - 30 * DAY);
    const cleared = new Date(now.getTime() - 3 * DAY);
    expect(frequentCountStart(now, cleared)).toEqual(cleared);
    // A clearing older than the window no longer narrows it.
    expect(frequentCountStart(now, new Date(now.getTime() - 40 * DAY)).getTime()).toBe(now.getTime() - 30 * DAY);
  });

  it('calls more than five contacts frequent, five not', () => {
    expect(exceedsFrequentRule(5)).toBe(false);
    expect(exceedsFrequentRule(6)).toBe(true);
    expect(exceedsFrequentRule(3, { overContacts: 2 })).toBe(true);
  });

  it('rings only the designated handler when they are watching, everyone else otherwise', () => {
    const watching = ['a', 'b', 'designated'];
    expect(flaggedCallRecipients({ watching, flagged: true, designatedUserId: 'designated' })).toEqual(['designated']);
    // Not watching: the call must still ring somewhere.
    expect(flaggedCallRecipients({ watching: ['a', 'b'], flagged: true, designatedUserId: 'designated' })).toEqual(['a', 'b']);
    expect(flaggedCallRecipients({ watching, flagged: false, designatedUserId: 'designated' })).toEqual(watching);
    expect(flaggedCallRecipients({ watching, flagged: true, designatedUserId: null })).toEqual(watching);
  });

  it('asks an abuse flag for a listed reason and a note', () => {
    expect(raiseAbuseFlagInput.safeParse({ phone: '13800001111', reason: 'harassment', note: '凌晨反复来电辱骂' }).success).toBe(true);
    expect(raiseAbuseFlagInput.safeParse({ phone: '13800001111', reason: 'calls_a_lot', note: '凌晨反复来电' }).success).toBe(false);
    expect(raiseAbuseFlagInput.safeParse({ phone: '13800001111', reason: 'other', note: '' }).success).toBe(false);
  });
});
