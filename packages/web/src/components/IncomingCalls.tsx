import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { OfferedCall, TakenCall } from '../api/callers';
import { LIVE_EVENTS, useLiveEvents } from '../lib/useLiveEvents';
import { useStaffUser } from '../session/context';
import { IncomingCallCard } from './IncomingCallCard';

/** What the new-case form receives in the navigation state when a call is answered on screen. */
export interface CallPrefill {
  call: TakenCall;
}

/**
 * The screen-pop (issue 10 §2): a call ringing on a line this person answers appears at once,
 * with the caller's masked history, and stays until it is answered, ends or is dismissed. The
 * hotline centre's operators answer it into the new-case form; a direct line's owner sees who
 * is calling. Mounted once in the staff layout.
 *
 * Not antd's notifications: those grow upwards without limit (with a few calls ringing the
 * first one's line and close button went off the top of a laptop screen) and sit at the end of
 * the page, last in the Tab order. This list is bounded by the window and scrolls, oldest call
 * first, and comes first in the layout so the keyboard reaches 接听 early.
 */
export function IncomingCalls() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useStaffUser();
  const takesCalls = user.roles.includes('operator');
  const enabled = takesCalls || user.roles.includes('official');
  const [ringing, setRinging] = useState<OfferedCall[]>([]);
  const remove = (callId: string) => setRinging((calls) => calls.filter((call) => call.callId !== callId));

  useLiveEvents<OfferedCall>(
    LIVE_EVENTS.callOffered,
    // Offered again (a reconnect, a re-route): the newer offer replaces the older in place.
    (offered) => setRinging((calls) => calls.some((call) => call.callId === offered.callId)
      ? calls.map((call) => (call.callId === offered.callId ? offered : call))
      : [...calls, offered]),
    enabled,
  );
  const drop = (event: { callId: string; answeredByUserId?: string | null }) => {
    // Answered here: this screen is already on the new-case form. Elsewhere or ended: nothing to answer.
    if (event.answeredByUserId !== user.id) remove(event.callId);
  };
  useLiveEvents(LIVE_EVENTS.callAnswered, drop, enabled);
  useLiveEvents(LIVE_EVENTS.callEnded, drop, enabled);

  if (ringing.length === 0) return null;
  const onTaken = (taken: TakenCall) => {
    remove(taken.callId);
    const state: CallPrefill = { call: taken };
    navigate('/cases/new', { state });
  };
  return (
    <aside className="incoming-calls" aria-label={t('incomingCall.region', { count: ringing.length })} data-testid="incoming-calls">
      {ringing.map((call) => (
        <IncomingCallCard key={call.callId} call={call} takesCalls={takesCalls} onTaken={onTaken} onDismiss={() => remove(call.callId)} />
      ))}
    </aside>
  );
}
