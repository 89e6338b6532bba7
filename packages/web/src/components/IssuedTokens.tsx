import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Input, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedToken } from '../api/issuedTokens';
import { describeError } from '../lib/errors';
import { formatCityTime } from '../lib/time';
import { useExpireOnUnauthenticated } from '../session/context';
import { LoadError } from './LoadError';

export interface IssuedTokensProps {
  /** Where the labels are: each section has the same keys (name, issue, issued, revoke, …). */
  labels: 'open311' | 'telephony.tokens';
  queryKey: readonly string[];
  list: (signal?: AbortSignal) => Promise<{ items: IssuedToken[] }>;
  /** Issues one and answers what the admin must copy now: the secret, or the URL that carries it. */
  issue: (name: string) => Promise<string>;
  revoke: (id: string) => Promise<void>;
  /** Test ids: `<testId>-name`, `-issue`, `-issued`, `-revoke-<id>`, and `<testId>s` for the table. */
  testId: 'open311-key' | 'cti-token';
}

/**
 * Issue, list and revoke secrets given to machines (Open311 keys, phone-system tokens): named
 * when issued, shown once, afterwards only their prefix; revoked ones stay listed as revoked.
 */
export function IssuedTokens({ labels, queryKey, list, issue, revoke, testId }: IssuedTokensProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const query = useQuery({ queryKey, queryFn: ({ signal }) => list(signal) });
  useExpireOnUnauthenticated(query.error);
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<string | null>(null);
  const onError = (error: unknown) => void message.error(describeError(t, error));
  const issuing = useMutation({
    mutationFn: issue,
    onSuccess: async (shown) => {
      setIssued(shown);
      setName('');
      await client.invalidateQueries({ queryKey });
    },
    onError,
  });
  const revoking = useMutation({ mutationFn: revoke, onSuccess: () => client.invalidateQueries({ queryKey }), onError });
  const time = (value: string | null) => (value ? <time dateTime={value}>{formatCityTime(value)}</time> : t('common.none'));

  const columns: TableColumnsType<IssuedToken> = [
    { key: 'name', title: t(`${labels}.name`), dataIndex: 'name' },
    { key: 'prefix', title: t(`${labels}.prefix`), dataIndex: 'prefix', width: 140, render: (p: string) => <code>{p}…</code> },
    { key: 'createdAt', title: t(`${labels}.createdAt`), dataIndex: 'createdAt', width: 150, render: time },
    { key: 'lastUsedAt', title: t(`${labels}.lastUsedAt`), dataIndex: 'lastUsedAt', width: 150, render: time },
    {
      key: 'state', title: t(`${labels}.state`), width: 160,
      render: (_: unknown, row) =>
        row.revokedAt ? (
          <Tag data-testid={`${testId}-revoked-${row.id}`}>{t(`${labels}.revoked`)}</Tag>
        ) : (
          <Popconfirm title={t(`${labels}.revokeConfirm`)} onConfirm={() => revoking.mutate(row.id)}>
            <Button size="small" danger data-testid={`${testId}-revoke-${row.id}`}>{t(`${labels}.revoke`)}</Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      {issued && (
        <Alert
          type="success" showIcon closable className="form-alert" onClose={() => setIssued(null)}
          title={t(`${labels}.issued`)}
          description={<Typography.Text copyable code data-testid={`${testId}-issued`}>{issued}</Typography.Text>}
        />
      )}
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <Input
          aria-label={t(`${labels}.name`)} placeholder={t(`${labels}.namePlaceholder`)} value={name} maxLength={100}
          onChange={(e) => setName(e.target.value)} style={{ maxWidth: 320 }} data-testid={`${testId}-name`}
        />
        <Button type="primary" onClick={() => issuing.mutate(name.trim())} loading={issuing.isPending} disabled={name.trim() === ''} data-testid={`${testId}-issue`}>
          {t(`${labels}.issue`)}
        </Button>
      </Flex>
      <LoadError error={query.error} onRetry={() => void query.refetch()} />
      <Table<IssuedToken>
        rowKey="id" size="small" columns={columns} dataSource={query.data?.items ?? []} loading={query.isPending} pagination={false} data-testid={`${testId}s`}
      />
    </>
  );
}
