import type { callsZhCN } from './calls.zh-CN';

export const callsEn: typeof callsZhCN = {
  incomingCall: {
    designated: 'Flagged caller: routed to you as the designated handler',
    title: 'Incoming call: {{line}}',
    answer: 'Answer',
    answerLabel: 'Answer {{phone}} ({{line}})',
    dismiss: 'Close',
    dismissLabel: 'Close the call alert ({{line}})',
    region: 'Ringing calls ({{count}})',
    replaceDraftTitle: 'Answer and discard the unsubmitted case?',
    replaceDraft: 'The new-case form has text that was not submitted. Answering opens a blank form for this call; what was typed will not be kept.',
    withheld: 'Number withheld',
    noHistory: 'No history (number withheld)',
    fromCall: 'Taken from a call: {{phone}}. The case will be linked to this call when you submit.',
    linkFailed: 'The case was recorded but could not be linked to the call: {{reason}}',
  },
  callerHistory: {
    title: 'Caller history',
    frequent: 'Frequent caller',
    counts: 'Last 30 days: {{contacts}} contacts, {{calls}} calls ({{unanswered}} unanswered)',
    countsLatestCalls: 'Last 30 days: {{contacts}} contacts, {{calls}} calls ({{unanswered}} of the latest {{cap}} unanswered)',
    none: 'No earlier cases from this number',
    open: '{{count}} open case(s)',
    closed: 'Recently finished',
    loading: 'Looking up the caller…',
  },
};
