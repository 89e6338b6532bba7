import type { telephonyZhCN } from './telephony.zh-CN';

/** Telephony administration (issue 10): phone-system tokens, blocked callers, CDR import. */
export const telephonyEn: typeof telephonyZhCN = {
  telephony: {
    title: 'Phone systems',
    intro: 'Connect the phone system (Asterisk, FreeSWITCH, …): it posts call events in Zammad\'s generic CTI format, or you import Asterisk call detail records. Every call becomes a call record, counted in the answer rates.',
    tokens: {
      title: 'Webhook tokens',
      hint: 'One token per phone system. A token is shown only once, when issued: put its webhook URL into the phone system at once, and revoke it when no longer used.',
      name: 'Phone system',
      namePlaceholder: 'e.g. City hotline Asterisk',
      issue: 'Issue token',
      issued: 'Token issued. Configure this webhook URL in the phone system (shown only this once):',
      prefix: 'Starts with',
      createdAt: 'Issued',
      lastUsedAt: 'Last used',
      state: 'State',
      revoke: 'Revoke',
      revokeConfirm: 'After revoking, call events from this phone system are refused. Revoke?',
      revoked: 'Revoked',
    },
    blocked: {
      title: 'Blocked callers',
      hint: 'When one of these numbers calls, the phone system is told to reject the call (as busy). Numbers are stored sealed and shown masked.',
      number: 'Phone number',
      note: 'Note',
      createdAt: 'Added',
      add: 'Block',
      remove: 'Unblock',
      removeConfirm: 'Unblock this number?',
    },
    cdr: {
      title: 'Import call records',
      hint: 'Choose a Master.csv written by Asterisk cdr_csv (with loguniqueid on). A call imported twice is recorded once, so overlapping files are safe. At most 8 MB per file.',
      choose: 'Choose file and import',
      tooLarge: 'The file is larger than 8 MB: split it and import the parts',
      imported: 'Imported',
      duplicates: 'Already there (skipped)',
      rejected: 'Not imported',
      rejectedHint: 'These lines could not be imported; check them in the file:',
      row: 'Line',
      reason: 'Reason',
    },
  },
};
