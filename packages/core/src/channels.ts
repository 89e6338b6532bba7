/** Where a contact came in (DESIGN §3: one inbound interaction on one channel). */
export const CHANNELS = ['phone', 'sms', 'web', 'open311', 'app'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CASE_TYPES = ['consultation', 'help', 'complaint', 'report', 'suggestion', 'praise'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const URGENCIES = ['normal', 'urgent', 'emergency'] as const;
export type Urgency = (typeof URGENCIES)[number];
