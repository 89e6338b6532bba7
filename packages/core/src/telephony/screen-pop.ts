import { FREQUENT_CALLER } from '../metrics/fairness.js';

/** Who sees a call ring on a line (issue 10 §2, ADR 0020). */
export type PopAudience = { kind: 'centre_operators' } | { kind: 'owner'; userId: string } | { kind: 'nobody' };

/**
 * Staffed lines and tip lines ring at the hotline centre's operators; a direct line rings at its
 * owner. A tip line never rings anywhere else, whoever owns it: only the centre's operators may
 * know a reporter (ADR 0006). A direct line without an owner falls back to the centre, so a call
 * is never announced to no one; an SMS-only line takes no calls.
 */
export function popAudience(line: { mode: string; ownerUserId: string | null }): PopAudience {
  if (line.mode === 'staffed' || line.mode === 'tip') return { kind: 'centre_operators' };
  if (line.mode === 'direct') return line.ownerUserId ? { kind: 'owner', userId: line.ownerUserId } : { kind: 'centre_operators' };
  return { kind: 'nobody' };
}

/** The window the caller history counts contacts over, and the frequent-caller rule's (DESIGN §7). */
export const HISTORY_WINDOW_DAYS = FREQUENT_CALLER.days;

/** A frequent caller at this moment, from their contact count over the last HISTORY_WINDOW_DAYS (core FREQUENT_CALLER). */
export function isFrequentByCount(contactsInWindow: number): boolean {
  return contactsInWindow > FREQUENT_CALLER.overContacts;
}

/** Where the history window starts, as an ISO instant comparable with stored times. */
export function historyWindowStart(now: Date): string {
  return new Date(now.getTime() - HISTORY_WINDOW_DAYS * 86_400_000).toISOString();
}
