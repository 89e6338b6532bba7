import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Flex, Form, Input, List, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CALLBACK_ATTEMPT_RESULTS, type CallbackAttemptResult } from '@openline/core';
import { callbackKeys, getCallback, recordAttempt, revealCallbackCaller, type CallbackDetail } from '../../api/callbacks';
import { LoadError } from '../../components/LoadError';
import { describeError } from '../../lib/errors';
import { formatCityTime } from '../../lib/time';
import { CallbackCaseForm } from './CallbackCaseForm';
import { CallbackStateTag } from './CallbackStateTag';

/** One task: who called and when, the tries so far, and (for the owner and staff) the next try or the case it became. */
export function CallbackDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useQuery({ queryKey: callbackKeys.detail(id ?? ''), queryFn: ({ signal }) => getCallback(id ?? '', signal), enabled: id !== null });
  const task = detail.data;
  return (
    <Drawer open={id !== null} onClose={onClose} title={t('callbacks.detail.title')} size="large" destroyOnHidden data-testid="callback-drawer">
      <LoadError error={detail.error} onRetry={() => void detail.refetch()} />
      {task && <CallbackDetailView task={task} />}
    </Drawer>
  );
}

function CallbackDetailView({ task }: { task: CallbackDetail }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('callbacks.caller')}>
          <CallerNumber task={task} />
        </Descriptions.Item>
        <Descriptions.Item label={t('callbacks.line')}>{`${task.lineName}（${task.lineNumber}）`}</Descriptions.Item>
        <Descriptions.Item label={t('callbacks.reason')}>{t(`callbacks.reasons.${task.reason}`)}</Descriptions.Item>
        <Descriptions.Item label={t('callbacks.dueAt')}>
          <time dateTime={task.dueAt}>{formatCityTime(task.dueAt)}</time>
          {task.deadlineClock === 'working' && <Typography.Text type="secondary">（{t('callbacks.workingClock')}）</Typography.Text>}
          {task.overdue && <Typography.Text type="danger"> {t('callbacks.overdue')}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('callbacks.state')}>
          <span data-testid="callback-state">
            <CallbackStateTag task={task} />
          </span>
          {task.caseId && task.caseNumber && <Link to={`/cases/${task.caseId}`}>{task.caseNumber}</Link>}
        </Descriptions.Item>
        <Descriptions.Item label={t('callbacks.detail.owner')}>{task.ownerName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('callbacks.detail.unit')}>{task.unitName ?? '—'}</Descriptions.Item>
      </Descriptions>
      {task.voicemailUrl && /^https?:\/\//.test(task.voicemailUrl) ? (
        <a href={task.voicemailUrl} target="_blank" rel="noopener noreferrer">
          {t('callbacks.detail.voicemail')}
        </a>
      ) : (
        task.hasVoicemail && <Typography.Text type="secondary">{task.voicemailUrl ?? t('callbacks.detail.voicemailHidden')}</Typography.Text>
      )}
      <section>
        <Typography.Title level={5}>{t('callbacks.detail.calls')}</Typography.Title>
        <List
          size="small"
          dataSource={task.calls}
          renderItem={(c) => (
            <List.Item>
              <time dateTime={c.offeredAt}>{formatCityTime(c.offeredAt)}</time>
            </List.Item>
          )}
        />
      </section>
      <section>
        <Typography.Title level={5}>{t('callbacks.detail.attempts')}</Typography.Title>
        <List
          size="small"
          data-testid="callback-attempts"
          locale={{ emptyText: t('callbacks.detail.noAttempts') }}
          dataSource={task.attempts}
          renderItem={(a) => (
            <List.Item>
              <Flex gap="small" wrap>
                <time dateTime={a.createdAt}>{formatCityTime(a.createdAt)}</time>
                <strong>{t(`callbacks.results.${a.result}`)}</strong>
                <span>{a.byName}</span>
                {a.note && <Typography.Text type="secondary">{a.note}</Typography.Text>}
              </Flex>
            </List.Item>
          )}
        />
      </section>
      {task.closedAt && task.closedByName && (
        <Typography.Text type="secondary">{t('callbacks.detail.closedBy', { name: task.closedByName, time: formatCityTime(task.closedAt) })}</Typography.Text>
      )}
      {task.status === 'open' && !task.mayWork && <Alert type="info" showIcon title={t('callbacks.detail.watchOnly')} />}
      {task.status === 'open' && task.mayWork && (
        <>
          <AttemptForm task={task} />
          <CallbackCaseForm task={task} />
        </>
      )}
    </Space>
  );
}

/** Masked by default; the full number on request, audited by the server. */
function CallerNumber({ task }: { task: CallbackDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [full, setFull] = useState<string | null>(null);
  const reveal = useMutation({
    mutationFn: () => revealCallbackCaller(task.id),
    onSuccess: (r) => setFull(r.callerPhone),
    onError: (error) => void message.error(describeError(t, error)),
  });
  return (
    <Flex gap="small" align="center" wrap>
      <span className="mono" data-testid="callback-caller">
        {full ?? task.callerPhone}
      </span>
      {full === null && (
        <Button size="small" onClick={() => reveal.mutate()} loading={reveal.isPending} title={t('callbacks.revealHint')} data-testid="callback-reveal">
          {t('callbacks.reveal')}
        </Button>
      )}
    </Flex>
  );
}

function AttemptForm({ task }: { task: CallbackDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ result: CallbackAttemptResult; note?: string }>();
  const save = useMutation({
    mutationFn: (values: { result: CallbackAttemptResult; note?: string }) => recordAttempt(task.id, { result: values.result, ...(values.note?.trim() ? { note: values.note.trim() } : {}) }),
    onSuccess: (updated) => {
      queryClient.setQueryData(callbackKeys.detail(task.id), updated);
      void queryClient.invalidateQueries({ queryKey: callbackKeys.all });
      form.resetFields();
      void message.success(t('callbacks.record.saved'));
    },
    onError: (error) => void message.error(describeError(t, error)),
  });
  return (
    <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)} data-testid="callback-attempt-form">
      <Typography.Title level={5}>{t('callbacks.record.title')}</Typography.Title>
      <Form.Item name="result" label={t('callbacks.record.result')} rules={[{ required: true, message: t('callbacks.record.result') }]}>
        <Select
          data-testid="callback-result"
          options={CALLBACK_ATTEMPT_RESULTS.map((r) => ({ value: r, label: t(`callbacks.results.${r}`) }))}
        />
      </Form.Item>
      <Form.Item name="note" label={t('callbacks.record.note')}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="callback-attempt-submit">
        {t('callbacks.record.submit')}
      </Button>
    </Form>
  );
}
