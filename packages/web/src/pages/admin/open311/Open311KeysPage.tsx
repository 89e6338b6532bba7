import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Input, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { issueOpen311Key, listOpen311Keys, revokeOpen311Key, type Open311Key } from '../../../api/open311';
import { LoadError } from '../../../components/LoadError';
import { PageTitle } from '../../../components/PageTitle';
import { Panel } from '../../../components/Panel';
import { describeError } from '../../../lib/errors';
import { formatCityTime } from '../../../lib/time';
import { useExpireOnUnauthenticated } from '../../../session/context';

const KEY = ['admin', 'open311-keys'] as const;

/** Open311 密钥: one API key per client application (FixMyStreet, a city app), shown once, revocable (ADR 0031). */
export default function Open311KeysPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const query = useQuery({ queryKey: KEY, queryFn: ({ signal }) => listOpen311Keys(signal) });
  useExpireOnUnauthenticated(query.error);
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<string | null>(null);
  const onError = (error: unknown) => void message.error(describeError(t, error));
  const issue = useMutation({
    mutationFn: issueOpen311Key,
    onSuccess: async (answer) => {
      setIssued(answer.apiKey);
      setName('');
      await client.invalidateQueries({ queryKey: KEY });
    },
    onError,
  });
  const revoke = useMutation({ mutationFn: revokeOpen311Key, onSuccess: () => client.invalidateQueries({ queryKey: KEY }), onError });
  const time = (value: string | null) => (value ? <time dateTime={value}>{formatCityTime(value)}</time> : t('common.none'));

  const columns: TableColumnsType<Open311Key> = [
    { key: 'name', title: t('open311.name'), dataIndex: 'name' },
    { key: 'prefix', title: t('open311.prefix'), dataIndex: 'prefix', width: 140, render: (p: string) => <code>{p}…</code> },
    { key: 'createdAt', title: t('open311.createdAt'), dataIndex: 'createdAt', width: 150, render: time },
    { key: 'lastUsedAt', title: t('open311.lastUsedAt'), dataIndex: 'lastUsedAt', width: 150, render: time },
    {
      key: 'state', title: t('open311.state'), width: 160,
      render: (_: unknown, row) =>
        row.revokedAt ? (
          <Tag>{t('open311.revoked')}</Tag>
        ) : (
          <Popconfirm title={t('open311.revokeConfirm')} onConfirm={() => revoke.mutate(row.id)}>
            <Button size="small" danger data-testid={`open311-key-revoke-${row.id}`}>{t('open311.revoke')}</Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Panel title={t('open311.title')}>
      <PageTitle title={t('open311.title')} />
      <Typography.Paragraph type="secondary">
        {t('open311.intro')} <Typography.Text code copyable>{`${window.location.origin}/open311/v2/`}</Typography.Text>
      </Typography.Paragraph>
      {issued && (
        <Alert
          type="success" showIcon closable className="form-alert" onClose={() => setIssued(null)}
          title={t('open311.issued')}
          description={<Typography.Text copyable code data-testid="open311-key-issued">{issued}</Typography.Text>}
        />
      )}
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <Input
          aria-label={t('open311.name')} placeholder={t('open311.namePlaceholder')} value={name} maxLength={100}
          onChange={(e) => setName(e.target.value)} style={{ maxWidth: 320 }} data-testid="open311-key-name"
        />
        <Button type="primary" onClick={() => issue.mutate(name.trim())} loading={issue.isPending} disabled={name.trim() === ''} data-testid="open311-key-issue">
          {t('open311.issue')}
        </Button>
      </Flex>
      <LoadError error={query.error} onRetry={() => void query.refetch()} />
      <Table<Open311Key> rowKey="id" size="small" columns={columns} dataSource={query.data?.items ?? []} loading={query.isPending} pagination={false} data-testid="open311-keys" />
    </Panel>
  );
}
