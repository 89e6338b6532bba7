import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { callbackKeys, getCallbackSettings, putCallbackSettings, type CallbackSettings } from '../../../api/callbacks';
import type { AdminLine } from '../../../api/lines';
import { LoadError } from '../../../components/LoadError';
import { OrgUnitSelect } from '../../../components/OrgUnitSelect';
import { describeError } from '../../../lib/errors';

interface Values {
  afterHoursNumber?: string;
  callbackUnitId?: string;
  withinMinutes: number;
  maxTries: number;
}

/** A line's after-hours desk (forward of calls outside its hours) and callback rules (issue 10 §5). */
export function LineCallbackModal({ line, onClose }: { line: AdminLine | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const lineId = line?.id ?? '';
  const settings = useQuery({ queryKey: callbackKeys.settings(lineId), queryFn: ({ signal }) => getCallbackSettings(lineId, signal), enabled: line !== null });
  useEffect(() => {
    if (settings.data) {
      form.setFieldsValue({
        afterHoursNumber: settings.data.afterHoursNumber ?? undefined,
        callbackUnitId: settings.data.callbackUnitId ?? undefined,
        withinMinutes: settings.data.withinMinutes,
        maxTries: settings.data.maxTries,
      });
    }
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: (body: CallbackSettings) => putCallbackSettings(lineId, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(callbackKeys.settings(lineId), saved);
      void message.success(t('lineCallback.saved'));
      onClose();
    },
    onError: (error) => void message.error(describeError(t, error)),
  });
  const submit = (v: Values) =>
    save.mutate({ afterHoursNumber: v.afterHoursNumber?.trim() || null, callbackUnitId: v.callbackUnitId ?? null, withinMinutes: v.withinMinutes, maxTries: v.maxTries });

  return (
    <Modal
      open={line !== null}
      title={t('lineCallback.title', { name: line?.name ?? '' })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <LoadError error={settings.error} onRetry={() => void settings.refetch()} />
      <Form form={form} layout="vertical" onFinish={submit} data-testid="line-callback-form">
        <Form.Item name="afterHoursNumber" label={t('lineCallback.afterHoursNumber')} extra={t('lineCallback.afterHoursHint')} rules={[{ pattern: /^\+?\d[\d -]{1,30}$/, message: t('lineCallback.afterHoursNumber') }]}>
          <Input maxLength={32} data-testid="line-callback-desk" />
        </Form.Item>
        <Form.Item name="callbackUnitId" label={t('lineCallback.callbackUnit')} extra={t('lineCallback.callbackUnitHint')}>
          <OrgUnitSelect />
        </Form.Item>
        <Form.Item name="withinMinutes" label={t('lineCallback.withinMinutes')} extra={t('lineCallback.withinMinutesHint')} rules={[{ required: true }]}>
          <InputNumber min={5} max={10080} step={15} />
        </Form.Item>
        <Form.Item name="maxTries" label={t('lineCallback.maxTries')} rules={[{ required: true }]}>
          <InputNumber min={1} max={10} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
