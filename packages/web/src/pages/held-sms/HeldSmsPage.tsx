import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Input, Modal, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dismissHeldSms, listHeldSms, processHeldSms, type HeldSms } from '../../api/limits';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { describeError } from '../../lib/errors';
import { formatCityTime } from '../../lib/time';
import { useExpireOnUnauthenticated } from '../../session/context';

const HELD_KEY = ['held-sms'] as const;

/** 暂存短信: messages held because their sender was over the limit; an operator takes or dismisses each. */
export default function HeldSmsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const held = useQuery({ queryKey: HELD_KEY, queryFn: ({ signal }) => listHeldSms(signal) });
  useExpireOnUnauthenticated(held.error);
  const [dismissing, setDismissing] = useState<HeldSms | null>(null);
  const [reason, setReason] = useState('');

  // Taking a message opens a case, so the case lists are stale too.
  const act = useMutation({
    mutationFn: ({ run }: { messageId: string; run: () => Promise<string> }) => run(),
    onSuccess: (text) => {
      void message.success(text);
      void client.invalidateQueries({ queryKey: ['cases'] });
      return client.invalidateQueries({ queryKey: HELD_KEY });
    },
    onError: (error) => void message.error(describeError(t, error)),
  });
  const busy = act.isPending ? act.variables.messageId : null;
  const take = (row: HeldSms) =>
    act.mutate({
      messageId: row.messageId,
      run: async () => {
        const done = await processHeldSms(row.messageId);
        return done.caseNumber ? t('heldSms.processed', { caseNumber: done.caseNumber }) : t('heldSms.processedNoCase');
      },
    });
  const dismiss = () => {
    if (!dismissing || reason.trim() === '') return;
    const row = dismissing;
    setDismissing(null);
    act.mutate({
      messageId: row.messageId,
      run: async () => {
        await dismissHeldSms(row.messageId, reason.trim());
        return t('heldSms.dismissed');
      },
    });
  };

  const columns: TableColumnsType<HeldSms> = [
    { key: 'receivedAt', title: t('heldSms.receivedAt'), dataIndex: 'receivedAt', width: 150, render: (v: string) => <time dateTime={v}>{formatCityTime(v)}</time> },
    { key: 'line', title: t('heldSms.line'), width: 180, render: (_: unknown, row) => `${row.line.name}（${row.line.number}）` },
    { key: 'from', title: t('heldSms.from'), dataIndex: 'from', width: 130, render: (v: string | null) => (v === null ? <Typography.Text type="secondary">{t('cases.callerProtected')}</Typography.Text> : <span className="mono">{v}</span>) },
    { key: 'text', title: t('heldSms.text'), dataIndex: 'text', width: 360 },
    {
      key: 'actions',
      title: t('heldSms.actions'),
      width: 170,
      render: (_: unknown, row) => (
        <Flex gap="small">
          <Button size="small" type="primary" loading={busy === row.messageId} onClick={() => take(row)} data-testid="held-sms-process">
            {t('heldSms.process')}
          </Button>
          <Button size="small" disabled={busy === row.messageId} onClick={() => (setReason(''), setDismissing(row))} data-testid="held-sms-dismiss">
            {t('heldSms.dismiss')}
          </Button>
        </Flex>
      ),
    },
  ];

  return (
    <Panel title={t('heldSms.title')} extra={<Button onClick={() => void held.refetch()} loading={held.isFetching}>{t('common.refresh')}</Button>}>
      <PageTitle title={t('heldSms.title')} />
      <Typography.Paragraph type="secondary">
        {t('heldSms.intro')} {t('cases.timeZoneHint')}
      </Typography.Paragraph>
      <LoadError error={held.error} onRetry={() => void held.refetch()} />
      <div data-testid="held-sms-table" className="case-table">
        <Table<HeldSms>
          rowKey="messageId"
          size="middle"
          columns={columns}
          dataSource={held.data?.messages ?? []}
          loading={held.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={false}
          locale={{ emptyText: t('heldSms.empty') }}
        />
      </div>
      <Modal
        open={dismissing !== null}
        title={t('heldSms.dismissTitle')}
        okText={t('heldSms.dismiss')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: reason.trim() === '' }}
        onOk={dismiss}
        onCancel={() => setDismissing(null)}
      >
        <Typography.Paragraph>{dismissing?.text}</Typography.Paragraph>
        <Input.TextArea
          aria-label={t('heldSms.reason')}
          placeholder={t('heldSms.reasonRequired')}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Panel>
  );
}
