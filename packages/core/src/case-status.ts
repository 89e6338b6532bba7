/**
 * Case statuses (DESIGN §4). The codes are stable English words used in the API and the
 * database; screens translate them. Rules key on the category, never on a label.
 */
export const STATUS_CATEGORIES = ['intake', 'with_department', 'follow_up', 'done', 'side'] as const;
export type StatusCategory = (typeof STATUS_CATEGORIES)[number];

export const CASE_STATUS_CATEGORY = {
  received: 'intake',
  triaged: 'intake',
  dispatched: 'with_department',
  accepted: 'with_department',
  returned: 'intake',
  in_progress: 'with_department',
  replied: 'follow_up',
  visited: 'follow_up',
  closed: 'done',
  merged: 'side',
  invalid: 'side',
} as const satisfies Record<string, StatusCategory>;

export type CaseStatus = keyof typeof CASE_STATUS_CATEGORY;
export const CASE_STATUSES = Object.keys(CASE_STATUS_CATEGORY) as CaseStatus[];

export function isCaseStatus(value: string): value is CaseStatus {
  return Object.hasOwn(CASE_STATUS_CATEGORY, value);
}

export function statusCategory(status: CaseStatus): StatusCategory {
  return CASE_STATUS_CATEGORY[status];
}

/** Statuses a citizen may see on the tracking page: side states read as the plain outcome. */
export function isOpenStatus(status: CaseStatus): boolean {
  const category = statusCategory(status);
  return category !== 'done' && category !== 'side';
}
