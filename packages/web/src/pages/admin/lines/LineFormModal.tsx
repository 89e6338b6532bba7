import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Input, Modal, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { createLine, LINE_MODES, updateLine, type AdminLine, type LineInput } from '../../../api/lines';
import type { AdminUser } from '../../../api/users';
import { lineModeExplanation, lineModeLabel } from '../../../i18n/labels';
import { describeError } from '../../../lib/errors';
import { isValidWeek } from '../../../lib/serviceHours';
import { ServiceHoursEditor } from './ServiceHoursEditor';

interface LineFormModalProps {
  /** The line to edit, or null to add one. */
  line: AdminLine | null;
  officials: AdminUser[];
  onSaved: (line: AdminLine) => void;
  onCancel: () => void;
}

const NEW_LINE: Partial<LineInput> = {
  mode: 'staffed',
  isPublic: true,
  acceptsVoice: true,
  acceptsSms: false,
  serviceHours: { weekly: {}, onHolidays: 'closed' },
};

/** The channels a mode implies, as the server defaults them (core defaultLineChannels). */
const channelsOf = (mode: LineInput['mode']): Pick<LineInput, 'acceptsVoice' | 'acceptsSms'> =>
  mode === 'sms_only' || mode === 'tip' ? { acceptsVoice: false, acceptsSms: true } : { acceptsVoice: true, acceptsSms: false };

export function LineFormModal({ line, officials, onSaved, onCancel }: LineFormModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<LineInput>();
  const mode = Form.useWatch('mode', form);

  // The modal closes on success; until then it stays disabled, so a second click cannot save twice.
  const saving = useMutation({
    mutationFn: (values: LineInput) => {
      const input: LineInput = {
        ...values,
        number: values.number.trim(),
        name: values.name.trim(),
        ownerTitle: values.ownerTitle.trim(),
        ownerUserId: values.ownerUserId ?? null,
      };
      return line ? updateLine(line.id, input) : createLine(input);
    },
    onSuccess: onSaved,
  });
  const submitting = saving.isPending || saving.isSuccess;
  const error = saving.error;
  const onFinish = (values: LineInput) => saving.mutate(values);

  return (
    <Modal
      open
      width={720}
      title={line ? t('adminLines.editTitle', { number: line.number }) : t('adminLines.add')}
      onCancel={onCancel}
      footer={null}
      destroyOnHidden
    >
      <Form<LineInput>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={submitting}
        initialValues={line ?? NEW_LINE}
        onValuesChange={(changed: Partial<LineInput>) => {
          // A new line takes what its mode implies (ADR 0029) until the admin says otherwise.
          if (!line && changed.mode) form.setFieldsValue(channelsOf(changed.mode));
        }}
      >
        <Flex gap="middle" wrap>
          <Form.Item name="number" label={t('adminLines.number')} rules={[{ required: true, whitespace: true, message: t('adminLines.rules.number') }]} className="grow">
            <Input className="mono" maxLength={32} data-testid="line-number" />
          </Form.Item>
          <Form.Item name="name" label={t('adminLines.name')} rules={[{ required: true, whitespace: true, message: t('adminLines.rules.name') }]} className="grow">
            <Input maxLength={100} data-testid="line-name" />
          </Form.Item>
        </Flex>
        <Form.Item
          name="mode"
          label={t('adminLines.mode')}
          extra={mode ? lineModeExplanation(t, mode) : undefined}
          rules={[{ required: true }]}
        >
          <Select options={LINE_MODES.map((value) => ({ value, label: lineModeLabel(t, value) }))} data-testid="line-mode" />
        </Form.Item>
        <Flex gap="middle" wrap>
          <Form.Item
            name="ownerTitle"
            label={t('adminLines.ownerTitle')}
            rules={[{ required: true, whitespace: true, message: t('adminLines.rules.ownerTitle') }]}
            className="grow"
          >
            <Input maxLength={100} data-testid="line-owner-title" />
          </Form.Item>
          <Form.Item name="ownerUserId" label={t('adminLines.ownerUser')} className="grow">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('adminLines.ownerUserPlaceholder')}
              options={officials.map((user) => ({ value: user.id, label: `${user.displayName}（${user.orgUnitName}）` }))}
            />
          </Form.Item>
        </Flex>
        <Flex gap="large" wrap>
          <Form.Item name="isPublic" label={t('adminLines.isPublic')} valuePropName="checked">
            <Switch data-testid="line-public" />
          </Form.Item>
          <Form.Item name="acceptsVoice" label={t('adminLines.acceptsVoice')} valuePropName="checked">
            <Switch data-testid="line-accepts-voice" />
          </Form.Item>
          <Form.Item name="acceptsSms" label={t('adminLines.acceptsSms')} valuePropName="checked" extra={t('adminLines.channelsHint')}>
            <Switch data-testid="line-accepts-sms" />
          </Form.Item>
        </Flex>
        <Form.Item
          name="serviceHours"
          label={t('adminLines.serviceHours')}
          rules={[
            {
              validator: async (_, value: LineInput['serviceHours'] | undefined) => {
                if (value && !isValidWeek(value)) throw new Error(t('adminLines.rules.span'));
              },
            },
          ]}
        >
          <ServiceHoursEditor />
        </Form.Item>
        {error !== null && <Alert type="error" showIcon role="alert" className="form-alert" title={describeError(t, error)} />}
        <Flex justify="flex-end" gap="small">
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={submitting} data-testid="line-submit">
            {t('common.save')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
