import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/errors';

/** One field of a supervision form: a text box or a number of working days. */
export interface SupervisionField {
  name: string;
  label: string;
  kind: 'text' | 'days';
  /** The message when missing; absent means optional. */
  required?: string;
  max?: number;
  initial?: number;
}

interface SupervisionFormProps {
  title: string;
  hint?: string;
  fields: readonly SupervisionField[];
  okText: string;
  testId: string;
  submit: (values: Record<string, string | number>) => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
}

/**
 * The modal behind 催办, 督办, 答复 and 办结: a small form posted once through a mutation, the
 * server's refusal shown in place, and every supervision query refreshed after success.
 */
export function SupervisionForm({ title, hint, fields, okText, testId, submit, onDone, onCancel }: SupervisionFormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<string, string | number | undefined>>();
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: (values: Record<string, string | number>) => submit(values),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['supervision'] });
      onDone();
    },
  });
  const send = (raw: Record<string, string | number | undefined>) => {
    const values: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(raw)) {
      const v = typeof value === 'string' ? value.trim() : value;
      if (v !== undefined && v !== '') values[key] = v;
    }
    mutation.mutate(values);
  };
  return (
    <Modal open title={title} onCancel={onCancel} footer={null} destroyOnHidden maskClosable={!mutation.isPending} width={560}>
      {hint && <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>}
      {mutation.error && <Alert type="error" showIcon role="alert" className="form-alert" title={describeError(t, mutation.error)} />}
      <Form form={form} layout="vertical" onFinish={send} disabled={mutation.isPending} data-testid={testId}>
        {fields.map((field) => (
          <Form.Item
            key={field.name}
            name={field.name}
            label={field.label}
            initialValue={field.initial}
            // The type matters: without it the rule validates a number as a string and refuses it.
            rules={field.required ? [field.kind === 'text' ? { required: true, whitespace: true, message: field.required } : { required: true, type: 'number', message: field.required }] : []}
          >
            {field.kind === 'text' ? (
              <Input.TextArea rows={3} maxLength={2000} showCount data-testid={`${testId}-${field.name}`} />
            ) : (
              <InputNumber min={1} max={field.max ?? 15} precision={0} data-testid={`${testId}-${field.name}`} />
            )}
          </Form.Item>
        ))}
        <Flex justify="flex-end" gap="small">
          <Button onClick={onCancel} disabled={mutation.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid={`${testId}-submit`}>
            {okText}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
