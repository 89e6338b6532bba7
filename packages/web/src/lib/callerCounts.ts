import { HISTORY_COUNT_CAP, type CallerHistory } from '@openline/core';

type Counts = Pick<CallerHistory, 'contactsLast30Days' | 'contactsCapped' | 'callsLast30Days' | 'callsCapped' | 'unansweredCallsLast30Days'>;

/**
 * The caller history's 30-day counts as the console prints them. The server stops counting at
 * core HISTORY_COUNT_CAP (a caller with hundreds of contacts answers as fast as one with fifty),
 * so a count that stopped reads "50+"; its unanswered calls are then of the latest fifty calls,
 * which the sentence says (`countsLatestCalls`) rather than pass them off as the month's.
 */
export function callerCounts(h: Counts): { key: 'callerHistory.counts' | 'callerHistory.countsLatestCalls'; values: { contacts: string; calls: string; unanswered: string; cap: number } } {
  const shown = (n: number, capped: boolean) => (capped ? `${n}+` : String(n));
  return {
    key: h.callsCapped ? 'callerHistory.countsLatestCalls' : 'callerHistory.counts',
    values: {
      contacts: shown(h.contactsLast30Days, h.contactsCapped),
      calls: shown(h.callsLast30Days, h.callsCapped),
      unanswered: String(h.unansweredCallsLast30Days),
      cap: HISTORY_COUNT_CAP,
    },
  };
}
