import { App, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { takeCall, type OfferedCall, type TakenCall } from '../api/callers';
import { describeError } from '../lib/errors';
import { LIVE_EVENTS, useLiveEvents } from '../lib/useLiveEvents';
import { useStaffUser } from '../session/context';
import { CallerHistoryView } from './CallerHistoryView';

/** What the new-case form receives in the navigation state when a call is answered on screen. */
export interface CallPrefill {
  call: TakenCall;
}

function TakeButton({ call, onTaken }: { call: OfferedCall; onTaken: (taken: TakenCall) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      type="primary"
      loading={busy}
      data-testid="incoming-call-answer"
      onClick={() => {
        setBusy(true);
        takeCall(call.callId).then(onTaken, (error: unknown) => {
          setBusy(false);
          void message.error(describeError(t, error));
        });
      }}
    >
      {t('incomingCall.answer')}
    </Button>
  );
}

/**
 * The screen-pop (issue 10 §2): a call ringing on a line this person answers appears at once,
 * with the caller's masked history, and stays until it is answered, ends or is dismissed. The
 * hotline centre's operators answer it into the new-case form; a direct line's owner sees who
 * is calling. Mounted once in the staff layout.
 */
export function IncomingCalls() {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const user = useStaffUser();
  const takesCalls = user.roles.includes('operator');
  const enabled = takesCalls || user.roles.includes('official');

  useLiveEvents<OfferedCall>(
    LIVE_EVENTS.callOffered,
    (call) => {
      const onTaken = (taken: TakenCall) => {
        notification.destroy(call.callId);
        const state: CallPrefill = { call: taken };
        navigate('/cases/new', { state });
      };
      notification.open({
        key: call.callId,
        duration: false,
        placement: 'bottomRight',
        role: 'alert',
        title: (
          <span data-testid="incoming-call" data-call-id={call.callId}>
            {t('incomingCall.title', { line: call.lineName })}
          </span>
        ),
        description: (
          <Flex vertical gap="small">
            <Typography.Text strong className="mono" data-testid="incoming-call-phone">
              {call.callerPhone ?? t('incomingCall.withheld')}
            </Typography.Text>
            {call.designated && (
              <Typography.Text type="warning" data-testid="incoming-call-designated">
                {t('incomingCall.designated')}
              </Typography.Text>
            )}
            {call.history ? <CallerHistoryView history={call.history} compact testId="incoming-call-history" /> : <Typography.Text type="secondary">{t('incomingCall.noHistory')}</Typography.Text>}
          </Flex>
        ),
        actions: takesCalls ? <TakeButton call={call} onTaken={onTaken} /> : undefined,
      });
    },
    enabled,
  );
  const drop = (event: { callId: string; answeredByUserId?: string | null }) => {
    // Answered here: this screen is already on the new-case form. Elsewhere or ended: nothing to answer.
    if (event.answeredByUserId !== user.id) notification.destroy(event.callId);
  };
  useLiveEvents(LIVE_EVENTS.callAnswered, drop, enabled);
  useLiveEvents(LIVE_EVENTS.callEnded, drop, enabled);
  return null;
}
