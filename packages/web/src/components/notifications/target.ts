import type { Notification } from '@openline/core';

/** Where a notification leads: its case, or for a caller flag (no case) the flag list (ADR 0036). */
export function notificationTarget(n: Pick<Notification, 'kind' | 'caseId'>): string | null {
  if (n.caseId) return `/cases/${n.caseId}`;
  return n.kind === 'caller_flagged' ? '/caller-flags' : null;
}
