import { ABUSE_REASONS, type RaiseAbuseFlagInput } from '@openline/core';
import { App, Form, Input, Modal, Select, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRaiseAbuseFlag } from '../../api/callerFlags';
import { describeError } from '../../lib/errors';

/** Staff flag a caller for abuse: the number, a reason from the fixed list and what happened. */
export function AbuseFlagForm({ open, onClose, onRaised }: { open: boolean; onClose: () => void; onRaised: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RaiseAbuseFlagInput>();
  const raise = useRaiseAbuseFlag();
  const submit = (values: RaiseAbuseFlagInput) =>
    raise.mutate(values, {
      onSuccess: () => {
        form.resetFields();
        onRaised();
      },
      onError: (error) => void message.error(describeError(t, error)),
    });
  return (
    <Modal
      open={open}
      title={t('callerFlags.raise')}
      okText={t('callerFlags.submit')}
      okButtonProps={{ loading: raise.isPending, 'data-testid': 'abuse-flag-ok' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p>{t('callerFlags.raiseHelp')}</p>
      <Form<RaiseAbuseFlagInput> form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item name="phone" label={t('callerFlags.phone')} rules={[{ required: true, message: t('callerFlags.phoneRequired') }]}>
          <Input data-testid="abuse-flag-phone" inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name="reason" label={t('callerFlags.reason')} rules={[{ required: true, message: t('callerFlags.reasonRequired') }]}>
          <Select data-testid="abuse-flag-reason" options={ABUSE_REASONS.map((r) => ({ value: r, label: t(`callerFlags.reasons.${r}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('callerFlags.note')} rules={[{ required: true, min: 4, message: t('callerFlags.noteRequired') }]}>
          <Input.TextArea data-testid="abuse-flag-note" rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
