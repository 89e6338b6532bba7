import { App, Button, Flex, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { takeCall, type OfferedCall, type TakenCall } from '../api/callers';
import { describeError } from '../lib/errors';
import { hasIntakeDraft } from '../lib/intakeDraft';
import { CallerHistoryView } from './CallerHistoryView';

function TakeButton({ call, onTaken }: { call: OfferedCall; onTaken: (taken: TakenCall) => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const take = () => {
    setBusy(true);
    takeCall(call.callId).then(onTaken, (error: unknown) => {
      setBusy(false);
      void message.error(describeError(t, error));
    });
  };
  return (
    <Button
      type="primary"
      loading={busy}
      data-testid="incoming-call-answer"
      aria-label={t('incomingCall.answerLabel', { phone: call.callerPhone ?? t('incomingCall.withheld'), line: call.lineName })}
      onClick={() => {
        // Answering opens this call's own form in place of the one on screen. Asked before the
        // take (an audited reveal that claims the call), so 取消 leaves the call ringing for others.
        if (!hasIntakeDraft()) return take();
        modal.confirm({
          title: t('incomingCall.replaceDraftTitle'),
          content: t('incomingCall.replaceDraft'),
          okText: t('incomingCall.answer'),
          okButtonProps: { 'data-testid': 'incoming-call-replace-draft' } as Record<string, string>,
          onOk: take,
        });
      }}
    >
      {t('incomingCall.answer')}
    </Button>
  );
}

interface IncomingCallCardProps {
  call: OfferedCall;
  /** Only the hotline centre's operators answer into the new-case form; others see who is calling. */
  takesCalls: boolean;
  onTaken: (taken: TakenCall) => void;
  onDismiss: () => void;
}

/**
 * One ringing call. 接听 comes right after the number, before the history's links, so the
 * keyboard reaches it first; nothing here takes focus, since the operator may be typing.
 */
export function IncomingCallCard({ call, takesCalls, onTaken, onDismiss }: IncomingCallCardProps) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="incoming-call" aria-labelledby={titleId} data-testid="incoming-call-card" data-call-id={call.callId}>
      {/* Announced as it appears, without moving focus: the line and the number, not the whole history. */}
      <div role="alert" className="incoming-call__head">
        <Typography.Text strong id={titleId} data-testid="incoming-call" data-call-id={call.callId}>
          {t('incomingCall.title', { line: call.lineName })}
        </Typography.Text>
        <Typography.Text strong className="mono" data-testid="incoming-call-phone">
          {call.callerPhone ?? t('incomingCall.withheld')}
        </Typography.Text>
      </div>
      {call.designated && (
        <Typography.Text type="warning" data-testid="incoming-call-designated">
          {t('incomingCall.designated')}
        </Typography.Text>
      )}
      <Flex gap="small">
        {takesCalls && <TakeButton call={call} onTaken={onTaken} />}
        <Button data-testid="incoming-call-dismiss" aria-label={t('incomingCall.dismissLabel', { line: call.lineName })} onClick={onDismiss}>
          {t('incomingCall.dismiss')}
        </Button>
      </Flex>
      {call.history ? <CallerHistoryView history={call.history} compact testId="incoming-call-history" /> : <Typography.Text type="secondary">{t('incomingCall.noHistory')}</Typography.Text>}
    </section>
  );
}
