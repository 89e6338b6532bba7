import { App, Button, Flex, Input, Popconfirm, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { blockNumber, listBlockedNumbers, unblockNumber, type BlockedNumber } from '../../../api/telephony';
import { LoadError } from '../../../components/LoadError';
import { describeError } from '../../../lib/errors';
import { formatCityTime } from '../../../lib/time';
import { useRemote } from '../../../lib/useRemote';

/** Callers whose calls the phone system is told to reject; numbers are shown masked only. */
export function BlockedNumbersSection() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const remote = useRemote('blocked-numbers', listBlockedNumbers);
  const [number, setNumber] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  const add = async () => {
    setBusy(true);
    try {
      await blockNumber(number.trim(), note.trim());
      setNumber('');
      setNote('');
      remote.reload();
    } catch (error) {
      void message.error(describeError(t, error));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (id: string) => {
    try {
      await unblockNumber(id);
      remote.reload();
    } catch (error) {
      void message.error(describeError(t, error));
    }
  };

  const columns: TableColumnsType<BlockedNumber> = [
    { key: 'number', title: t('telephony.blocked.number'), dataIndex: 'number', width: 160 },
    { key: 'note', title: t('telephony.blocked.note'), dataIndex: 'note' },
    { key: 'createdAt', title: t('telephony.blocked.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => <time dateTime={v}>{formatCityTime(v)}</time> },
    {
      key: 'action', title: '', width: 100,
      render: (_: unknown, row) => (
        <Popconfirm title={t('telephony.blocked.removeConfirm')} onConfirm={() => void remove(row.id)}>
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
        <Button onClick={() => void add()} loading={busy} disabled={number.trim().length < 3}>{t('telephony.blocked.add')}</Button>
      </Flex>
      <LoadError error={remote.status === 'error' ? remote.error : null} onRetry={remote.reload} />
      <Table<BlockedNumber> rowKey="id" size="small" columns={columns} dataSource={remote.status === 'success' ? remote.data.items : []} loading={remote.status === 'loading'} pagination={false} />
    </section>
  );
}
