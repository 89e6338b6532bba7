import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { revealCaller, type CaseDetail, type RevealedCaller } from '../../api/cases';
import { describeError } from '../../lib/errors';

const REASON_MIN = 2;
const REASON_MAX = 200;

/**
 * Who raised the appeal, masked as the server sends it. The full identity is one audited request
 * away, with a reason. A tip-line reporter is withheld by the server from everyone but the hotline
 * centre's operators (ADR 0006), who are reminded here that it goes no further.
 */
export function CallerPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [revealed, setRevealed] = useState<RevealedCaller | null>(null);
  const [asking, setAsking] = useState(false);
  const shown = revealed ?? detail;
  const value = (text: string | null, testId: string) =>
    text ? (
      <span className="mono" data-testid={testId}>
        {text}
      </span>
    ) : (
      <Typography.Text type="secondary">{t('caller.notGiven')}</Typography.Text>
    );

  if (detail.callerProtected) return <Alert type="info" showIcon title={t('caller.protected')} data-testid="caller-protected-notice" />;

  return (
    <>
      {detail.line?.mode === 'tip' && <Alert type="warning" showIcon className="form-alert" title={t('caller.tipOperator')} />}
      {revealed && <Alert type="warning" showIcon className="form-alert" title={t('caller.revealed')} />}
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { whiteSpace: 'nowrap' } }}
        items={[
          { key: 'name', label: t('caller.name'), children: value(shown.callerName, 'caller-name') },
          { key: 'phone', label: t('caller.phone'), children: value(shown.callerPhone, 'caller-phone') },
          { key: 'address', label: t('caller.address'), children: value(shown.address, 'caller-address') },
          // Older servers do not send the field at all; then there is nothing to show.
          ...(shown.callerIdNumber !== undefined
            ? [{ key: 'idNumber', label: t('caller.idNumber'), children: value(shown.callerIdNumber ?? null, 'caller-id-number') }]
            : []),
          // The text shown on the case is redacted; the original comes only with the audited reveal.
          ...(revealed?.content
            ? [{ key: 'content', label: t('caller.originalContent'), children: <span data-testid="caller-original-content">{revealed.content}</span> }]
            : []),
        ]}
      />
      {!revealed && (
        <Button size="small" onClick={() => setAsking(true)} data-testid="caller-reveal">
          {t('caller.reveal')}
        </Button>
      )}
      {asking && (
        <RevealDialog
          caseId={detail.id}
          onCancel={() => setAsking(false)}
          onRevealed={(caller) => {
            setRevealed(caller);
            setAsking(false);
          }}
        />
      )}
    </>
  );
}

interface RevealDialogProps {
  caseId: string;
  onCancel: () => void;
  onRevealed: (caller: RevealedCaller) => void;
}

function RevealDialog({ caseId, onCancel, onRevealed }: RevealDialogProps) {
  const { t } = useTranslation();
  const revealing = useMutation({ mutationFn: (reason: string) => revealCaller(caseId, reason), onSuccess: onRevealed });
  const submitting = revealing.isPending || revealing.isSuccess;
  const error = revealing.error;
  const onFinish = ({ reason }: { reason: string }) => revealing.mutate(reason.trim());

  return (
    <Modal open title={t('caller.revealTitle')} onCancel={onCancel} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('caller.revealHelp')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={onFinish} disabled={submitting}>
        <Form.Item
          name="reason"
          label={t('caller.revealReason')}
          rules={[{ required: true, whitespace: true, min: REASON_MIN, message: t('caller.revealReasonRequired') }]}
        >
          <Input data-testid="reveal-reason" maxLength={REASON_MAX} placeholder={t('caller.revealReasonPlaceholder')} />
        </Form.Item>
        {error !== null && <Alert type="error" showIcon role="alert" className="form-alert" title={describeError(t, error)} />}
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="reveal-submit" block>
          {t('caller.reveal')}
        </Button>
      </Form>
    </Modal>
  );
}
