/** What became of a call (issue 10 §1); the cold-line monitor counts these. */
export const CALL_OUTCOMES = ['answered', 'missed', 'abandoned', 'busy', 'voicemail', 'rejected'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/**
 * What a hangup cause says about an unanswered call. Zammad's generic CTI names
 * (normalClearing, busy, cancel, noAnswer, congestion, notFound, forwarded) and the raw
 * FreeSWITCH / Q.850 names bridges pass through (NORMAL_CLEARING, USER_BUSY, ORIGINATOR_CANCEL…)
 * fold into a few kinds; the raw value is always kept beside it.
 */
export type CauseKind = 'normal' | 'busy' | 'cancel' | 'no_answer' | 'failed' | 'forwarded' | 'rejected' | 'unknown';

const KINDS: Record<string, CauseKind> = {
  normalclearing: 'normal',
  normal_clearing: 'normal',
  busy: 'busy',
  user_busy: 'busy',
  cancel: 'cancel',
  originator_cancel: 'cancel',
  lose_race: 'cancel',
  noanswer: 'no_answer',
  no_answer: 'no_answer',
  no_user_response: 'no_answer',
  allotted_timeout: 'no_answer',
  recovery_on_timer_expire: 'no_answer',
  congestion: 'failed',
  switch_congestion: 'failed',
  normal_circuit_congestion: 'failed',
  normal_temporary_failure: 'failed',
  destination_out_of_order: 'failed',
  network_out_of_order: 'failed',
  notfound: 'failed',
  unallocated_number: 'failed',
  no_route_destination: 'failed',
  subscriber_absent: 'failed',
  user_not_registered: 'failed',
  forwarded: 'forwarded',
  call_rejected: 'rejected',
  rejected: 'rejected',
};

export function causeKind(cause: string | null | undefined): CauseKind {
  if (!cause) return 'unknown';
  return KINDS[cause.trim().toLowerCase()] ?? 'unknown';
}

/**
 * The outcome of a call that ended without being answered. Only a caller who gave up while it
 * rang (`cancel`, ORIGINATOR_CANCEL) abandoned it; busy and refused calls say so; everything
 * else (no answer, a failure, a plain clearing, a forward nobody picked up, an unknown cause)
 * counts against the line as missed: the caller did not get through.
 */
export function unansweredOutcome(cause: string | null | undefined): CallOutcome {
  switch (causeKind(cause)) {
    case 'cancel':
      return 'abandoned';
    case 'busy':
      return 'busy';
    case 'rejected':
      return 'rejected';
    default:
      return 'missed';
  }
}

/** Zammad's convention: a bridge reports a voicemail pickup as an answer by user `voicemail`. */
export function isVoicemail(value: string | null | undefined): boolean {
  return value?.trim().toLowerCase() === 'voicemail';
}
