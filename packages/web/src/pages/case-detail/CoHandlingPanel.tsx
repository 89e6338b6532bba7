import { App, Button, Flex, Form, Input, List, Radio, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CO_HANDLING_KINDS, CO_HANDLING_TEXT_MAX, type CoHandlingInput, type CoHandlingNote } from '@openline/core';
import { useTranslation } from 'react-i18next';
import { coHandlingKey, getCoHandling, recordCoHandling } from '../../api/coHandling';
import { LoadError } from '../../components/LoadError';
import { describeError } from '../../lib/errors';
import { formatCityTime } from '../../lib/time';

/**
 * The co-handling units (协办) and what each recorded (issue 12 §7): progress notes and its share
 * of the reply, which the lead unit reads when it answers. A co-unit's handler gets the form.
 */
export function CoHandlingPanel({ caseId, onChanged }: { caseId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: coHandlingKey(caseId), queryFn: ({ signal }) => getCoHandling(caseId, signal) });
  const data = query.data;
  return (
    <div data-testid="co-handling">
      <LoadError error={query.error} onRetry={() => void query.refetch()} />
      {data?.units.map((unit) => (
        <div key={unit.unitId} className="co-unit" data-testid="co-unit">
          <Typography.Text strong>{unit.unitName}</Typography.Text>
          {unit.notes.length === 0 ? (
            <Typography.Paragraph type="secondary">{t('coHandling.nothingYet')}</Typography.Paragraph>
          ) : (
            <List<CoHandlingNote>
              size="small"
              dataSource={unit.notes}
              renderItem={(note) => (
                <List.Item key={note.id} data-testid={`co-note-${note.kind}`}>
                  <Flex vertical gap={2} style={{ width: '100%' }}>
                    <Flex gap="small" wrap align="center">
                      <Tag color={note.kind === 'share' ? 'green' : 'blue'}>{t(`coHandling.kinds.${note.kind}`)}</Tag>
                      <Typography.Text type="secondary">
                        {note.authorName ?? ''} · {formatCityTime(note.createdAt)}
                      </Typography.Text>
                    </Flex>
                    <Typography.Paragraph className="prewrap" style={{ marginBottom: 0 }}>
                      {note.text}
                    </Typography.Paragraph>
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </div>
      ))}
      {data?.mayRecordFor && <RecordForm caseId={caseId} onChanged={onChanged} />}
    </div>
  );
}

function RecordForm({ caseId, onChanged }: { caseId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<CoHandlingInput>();
  const mutation = useMutation({
    mutationFn: (input: CoHandlingInput) => recordCoHandling(caseId, input),
    onSuccess: (view) => {
      client.setQueryData(coHandlingKey(caseId), view);
      form.resetFields();
      void message.success(t('coHandling.recorded'));
      onChanged();
    },
    onError: (error) => void message.error(describeError(t, error)),
  });
  return (
    <Form<CoHandlingInput>
      form={form}
      layout="vertical"
      initialValues={{ kind: 'progress', text: '' }}
      onFinish={(values) => mutation.mutate({ kind: values.kind, text: values.text.trim() })}
      requiredMark={false}
    >
      <Form.Item name="kind" label={t('coHandling.kind')}>
        <Radio.Group data-testid="co-kind" options={CO_HANDLING_KINDS.map((k) => ({ value: k, label: t(`coHandling.kinds.${k}`) }))} />
      </Form.Item>
      <Form.Item name="text" label={t('coHandling.text')} rules={[{ required: true, whitespace: true, min: 2, message: t('coHandling.tooShort') }]}>
        <Input.TextArea data-testid="co-text" rows={3} maxLength={CO_HANDLING_TEXT_MAX} showCount placeholder={t('coHandling.placeholder')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="co-submit">
        {t('coHandling.submit')}
      </Button>
    </Form>
  );
}
