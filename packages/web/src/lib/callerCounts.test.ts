import { HISTORY_COUNT_CAP } from '@openline/core';
import { describe, expect, it } from 'vitest';
import { callsEn } from '../i18n/sections/calls.en';
import { callsZhCN } from '../i18n/sections/calls.zh-CN';
import { callerCounts } from './callerCounts';

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k]));

describe('caller history counts on screen', () => {
  it('prints an ordinary caller\'s counts as they are', () => {
    const c = callerCounts({ contactsLast30Days: 6, contactsCapped: false, callsLast30Days: 4, callsCapped: false, unansweredCallsLast30Days: 1 });
    expect(c.key).toBe('callerHistory.counts');
    expect(fill(callsEn.callerHistory.counts, c.values)).toBe('Last 30 days: 6 contacts, 4 calls (1 unanswered)');
    expect(fill(callsZhCN.callerHistory.counts, c.values)).toBe('近30天联系 6 次，来电 4 次（未接通 1 次）');
  });

  it('prints a count that stopped at the cap as "50+", and the unanswered calls as of the latest fifty', () => {
    const contactsOnly = callerCounts({ contactsLast30Days: HISTORY_COUNT_CAP, contactsCapped: true, callsLast30Days: 12, callsCapped: false, unansweredCallsLast30Days: 2 });
    expect(contactsOnly.key).toBe('callerHistory.counts');
    expect(fill(callsEn.callerHistory.counts, contactsOnly.values)).toBe(`Last 30 days: ${HISTORY_COUNT_CAP}+ contacts, 12 calls (2 unanswered)`);
    const both = callerCounts({ contactsLast30Days: HISTORY_COUNT_CAP, contactsCapped: true, callsLast30Days: HISTORY_COUNT_CAP, callsCapped: true, unansweredCallsLast30Days: 3 });
    expect(both.key).toBe('callerHistory.countsLatestCalls');
    expect(fill(callsEn.callerHistory.countsLatestCalls, both.values)).toBe(`Last 30 days: ${HISTORY_COUNT_CAP}+ contacts, ${HISTORY_COUNT_CAP}+ calls (3 of the latest ${HISTORY_COUNT_CAP} unanswered)`);
    expect(fill(callsZhCN.callerHistory.countsLatestCalls, both.values)).toBe(`近30天联系 ${HISTORY_COUNT_CAP}+ 次，来电 ${HISTORY_COUNT_CAP}+ 次（最近 ${HISTORY_COUNT_CAP} 次中未接通 3 次）`);
  });
});
