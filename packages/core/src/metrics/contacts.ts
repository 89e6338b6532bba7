import { localDate, type IsoDate } from '../calendar/local-time.js';
import { emptyCounts, type MetricCounts } from './rates.js';

/**
 * What one citizen contact (a row of `contacts`: a call, a message, a form) contributes to the
 * figures — the 直办率 (DESIGN §6). It counts for the hotline centre, not a department: the
 * unit key is '' (CENTRE_UNIT). The day is the jurisdiction's local day the contact was
 * received; line and channel are the contact's own (a repeat contact may come another way
 * than the case's first).
 *
 * - contacts: every contact, whatever became of it (opened a case, joined one, was redirected
 *   to an emergency number) — the denominator is what the centre was asked;
 * - directResolved: the contact that opened its case, when the centre answered that case at
 *   intake (an `answered_directly` event). A later reopening does not undo it: the answer was
 *   given at intake; a reopening is a department's figure. A contact that joined an existing
 *   case, or whose case was merged into another, was not resolved at intake.
 *
 * A contact on an invalidated case (spam, abuse) counts nothing while the case is invalid, like
 * the case itself; restored, it counts again.
 */

/** The unit key of the centre's own figures. */
export const CENTRE_UNIT = '';

export interface ContactHistory {
  /** ISO-8601 instant. */
  receivedAt: string;
  /** `opened_case`, `attached`, `redirected_<number>`… */
  outcome: string;
  /** The contact's case, if any: its status and its events' types. */
  case: { status: string; eventTypes: readonly string[] } | null;
}

export function contactFacts(contact: ContactHistory, timeZone: string): { day: IsoDate; counts: MetricCounts } | null {
  if (contact.case?.status === 'invalid') return null;
  const counts = emptyCounts();
  counts.contacts = 1;
  if (contact.outcome === 'opened_case' && contact.case?.eventTypes.includes('answered_directly')) counts.directResolved = 1;
  return { day: localDate(new Date(contact.receivedAt), timeZone), counts };
}
