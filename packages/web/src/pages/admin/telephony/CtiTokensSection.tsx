import { Alert, App, Button, Flex, Input, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { issueCtiToken, listCtiTokens, revokeCtiToken, type CtiToken } from '../../../api/telephony';
import { LoadError } from '../../../components/LoadError';
import { describeError } from '../../../lib/errors';
import { formatCityTime } from '../../../lib/time';
import { useRemote } from '../../../lib/useRemote';
import { useExpireOnUnauthenticated } from '../../../session/context';

/** Tokens, one per phone system: issued with a name, shown once with the webhook URL, revocable. */
export function CtiTokensSection() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const remote = useRemote('cti-tokens', listCtiTokens);
  useExpireOnUnauthenticated(remote.status === 'error' ? remote.error : null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<string | null>(null);
  const time = (value: string | null) => (value ? <time dateTime={value}>{formatCityTime(value)}</time> : t('common.none'));

  const issue = async () => {
    setBusy(true);
    try {
      const answer = await issueCtiToken(name.trim());
      setIssued(`${window.location.origin}/api/v1/cti/${answer.token}`);
      setName('');
      remote.reload();
    } catch (error) {
      void message.error(describeError(t, error));
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (id: string) => {
    try {
      await revokeCtiToken(id);
      remote.reload();
    } catch (error) {
      void message.error(describeError(t, error));
    }
  };

  const columns: TableColumnsType<CtiToken> = [
    { key: 'name', title: t('telephony.tokens.name'), dataIndex: 'name' },
    { key: 'prefix', title: t('telephony.tokens.prefix'), dataIndex: 'prefix', width: 130, render: (p: string) => <code>{p}…</code> },
    { key: 'createdAt', title: t('telephony.tokens.createdAt'), dataIndex: 'createdAt', width: 150, render: time },
    { key: 'lastUsedAt', title: t('telephony.tokens.lastUsedAt'), dataIndex: 'lastUsedAt', width: 150, render: time },
    {
      key: 'state', title: t('telephony.tokens.state'), width: 160,
      render: (_: unknown, row) =>
        row.revokedAt ? (
          <Tag>{t('telephony.tokens.revoked')}</Tag>
        ) : (
          <Popconfirm title={t('telephony.tokens.revokeConfirm')} onConfirm={() => void revoke(row.id)}>
            <Button size="small" danger data-testid={`cti-token-revoke-${row.id}`}>{t('telephony.tokens.revoke')}</Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <section data-testid="cti-tokens">
      <Typography.Title level={2} style={{ fontSize: 18 }}>{t('telephony.tokens.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('telephony.tokens.hint')}</Typography.Paragraph>
      {issued && (
        <Alert
          type="success" showIcon closable className="form-alert" onClose={() => setIssued(null)}
          title={t('telephony.tokens.issued')}
          description={<Typography.Text copyable code data-testid="cti-token-url">{issued}</Typography.Text>}
        />
      )}
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <Input
          aria-label={t('telephony.tokens.name')} placeholder={t('telephony.tokens.namePlaceholder')} value={name} maxLength={100}
          onChange={(e) => setName(e.target.value)} style={{ maxWidth: 320 }} data-testid="cti-token-name"
        />
        <Button type="primary" onClick={() => void issue()} loading={busy} disabled={name.trim() === ''} data-testid="cti-token-issue">
          {t('telephony.tokens.issue')}
        </Button>
      </Flex>
      <LoadError error={remote.status === 'error' ? remote.error : null} onRetry={remote.reload} />
      <Table<CtiToken> rowKey="id" size="small" columns={columns} dataSource={remote.status === 'success' ? remote.data.items : []} loading={remote.status === 'loading'} pagination={false} />
    </section>
  );
}
