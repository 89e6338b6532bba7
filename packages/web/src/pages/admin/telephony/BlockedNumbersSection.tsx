import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Input, Popconfirm, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { blockNumber, listBlockedNumbers, unblockNumber, type BlockedNumber } from '../../../api/telephony';
import { LoadError } from '../../../components/LoadError';
import { describeError } from '../../../lib/errors';
import { formatCityTime } from '../../../lib/time';

const BLOCKED_KEY = ['admin', 'blocked-numbers'] as const;

/** Callers whose calls the phone system is told to reject; numbers are shown masked only. */
export function BlockedNumbersSection() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const remote = useQuery({ queryKey: BLOCKED_KEY, queryFn: ({ signal }) => listBlockedNumbers(signal) });
  const [number, setNumber] = useState('');
  const [note, setNote] = useState('');
  const onError = (error: unknown) => void message.error(describeError(t, error));
  const refresh = () => client.invalidateQueries({ queryKey: BLOCKED_KEY });

  const adding = useMutation({
    mutationFn: () => blockNumber(number.trim(), note.trim()),
    onSuccess: () => {
      setNumber('');
      setNote('');
      return refresh();
    },
    onError,
  });
  const removing = useMutation({ mutationFn: unblockNumber, onSuccess: refresh, onError });

  const columns: TableColumnsType<BlockedNumber> = [
    { key: 'number', title: t('telephony.blocked.number'), dataIndex: 'number', width: 160 },
    { key: 'note', title: t('telephony.blocked.note'), dataIndex: 'note' },
    { key: 'createdAt', title: t('telephony.blocked.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => <time dateTime={v}>{formatCityTime(v)}</time> },
    {
      key: 'action', title: '', width: 100,
      render: (_: unknown, row) => (
        <Popconfirm title={t('telephony.blocked.removeConfirm')} onConfirm={() => removing.mutate(row.id)}>
          <Button size="small">{t('telephony.blocked.remove')}</Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <section data-testid="blocked-numbers" style={{ marginTop: 24 }}>
      <Typography.Title level={2} style={{ fontSize: 18 }}>{t('telephony.blocked.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('telephony.blocked.hint')}</Typography.Paragraph>
      <Flex gap={8} style={{ marginBottom: 12 }} wrap>
        <Input aria-label={t('telephony.blocked.number')} placeholder={t('telephony.blocked.number')} value={number} maxLength={32} onChange={(e) => setNumber(e.target.value)} style={{ maxWidth: 200 }} />
        <Input aria-label={t('telephony.blocked.note')} placeholder={t('telephony.blocked.note')} value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} style={{ maxWidth: 320 }} />
        <Button onClick={() => adding.mutate()} loading={adding.isPending} disabled={number.trim().length < 3}>{t('telephony.blocked.add')}</Button>
      </Flex>
      <LoadError error={remote.error} onRetry={() => void remote.refetch()} />
      <Table<BlockedNumber> rowKey="id" size="small" columns={columns} dataSource={remote.data?.items ?? []} loading={remote.isFetching} pagination={false} />
    </section>
  );
}
