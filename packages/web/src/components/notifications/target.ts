import type { Notification, Role } from '@openline/core';

/** What a notification's link opens, for its label. */
export type TargetKind = 'case' | 'callerFlags' | 'callbackTask' | 'lineFigures';

export interface NotificationTarget {
  to: string;
  what: TargetKind;
}

/**
 * Where a line's figures are for this reader: the admin's cold-line monitor (thresholds and the
 * 24 h), an official's own lines on their desk, a supervisor's line answer rates; anyone else who
 * owns a line finds its panel beside the callback queue.
 */
function lineFigures(roles: readonly Role[]): string {
  if (roles.includes('admin')) return '/admin/telephony';
  if (roles.includes('official')) return '/desk';
  if (roles.includes('supervisor')) return '/stats';
  return '/callbacks';
}

/**
 * Where a notification leads: its case; for a caller flag (no case) the flag list (ADR 0036); for
 * a callback reminder the task in the callback queue; for a cold line the line's figures as the
 * reader's role allows. Null when there is nowhere to go.
 */
export function notificationTarget(n: Pick<Notification, 'kind' | 'caseId' | 'facts'>, roles: readonly Role[]): NotificationTarget | null {
  if (n.caseId) return { to: `/cases/${n.caseId}`, what: 'case' };
  if (n.kind === 'caller_flagged') return { to: '/caller-flags', what: 'callerFlags' };
  const facts = n.facts;
  // The queue names the task, so the queue can open it (`?task=`) rather than leave the reader to find it.
  if (facts?.kind === 'callback_reminder' || facts?.kind === 'callback_overdue') return { to: `/callbacks?task=${encodeURIComponent(facts.taskId)}`, what: 'callbackTask' };
  if (facts?.kind === 'cold_line_alert') return { to: lineFigures(roles), what: 'lineFigures' };
  return null;
}
