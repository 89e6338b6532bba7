import type { petitionsZhCN } from './petitions.zh-CN';

/** The SMS petition line's incomplete petitions: issue 11 §1. */
export const petitionsEn: typeof petitionsZhCN = {
  petitions: {
    nav: 'Incomplete petitions',
    title: 'Incomplete SMS petitions',
    intro:
      'Texts to the petition line that lack a required detail or carry a wrong ID number are not taken yet: they wait for the sender to text the rest. You may also call the sender and complete one here; a case then opens. Those not completed in time expire, and the sender is told.',
    status: { pending: 'Waiting', opened: 'Taken', expired: 'Expired' },
    columns: {
      receivedAt: 'First text',
      from: 'Sender',
      unit: 'Unit petitioned',
      gaps: 'Missing or wrong',
      parts: 'Texts',
      expiresAt: 'Complete by',
      caseNumber: 'Case',
      actions: 'Actions',
    },
    field: { unit: 'Unit', name: 'Name', address: 'Home address', idNumber: 'ID number', demand: 'Demand' },
    reason: { checksum: 'wrong check character', format: 'wrong length or format', birthdate: 'impossible birth date' },
    empty: 'No incomplete petitions.',
    open: 'Open',
    detailTitle: 'SMS petition',
    text: 'Texts (personal data hidden)',
    none: 'not given',
    reveal: 'Show in full',
    revealReason: 'Reason',
    revealReasonPlaceholder: 'e.g. calling the sender back',
    revealed: 'In full (recorded in the audit log)',
    revealedText: 'Original texts',
    complete: 'Complete and take',
    completeTitle: 'Complete the petition',
    completeIntro: 'Fill in what you confirmed on the phone; leave what the texts already gave empty. A case then opens and the sender is texted its number and tracking code.',
    completed: 'Taken: case {{caseNumber}}',
    completedNoCase: 'Done',
    idNumberInvalid: 'Not a valid ID number (18 characters with the check character, or the old 15 digits)',
    unitPlaceholder: 'Choose the unit',
  },
};
