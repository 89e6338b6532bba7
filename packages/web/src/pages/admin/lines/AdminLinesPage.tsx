import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listAdminLines, type AdminLine } from '../../../api/lines';
import { listUsers } from '../../../api/users';
import { LoadError } from '../../../components/LoadError';
import { PageTitle } from '../../../components/PageTitle';
import { Panel } from '../../../components/Panel';
import { lineModeLabel } from '../../../i18n/labels';
import { describeWeek } from '../../../lib/serviceHours';
import { useExpireOnUnauthenticated } from '../../../session/context';
import { LineCallbackModal } from './LineCallbackModal';
import { adminKeys } from '../../../api/queries/adminKeys';
import { LineFormModal } from './LineFormModal';

const takesCallbacks = (line: AdminLine): boolean => line.mode === 'direct' || line.mode === 'staffed';

/** The register of published lines: who owns each, how and when it is answered, whether it is public. */
export default function AdminLinesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const lines = useQuery({ queryKey: adminKeys.lines, queryFn: ({ signal }) => listAdminLines(signal) });
  const users = useQuery({ queryKey: adminKeys.users, queryFn: ({ signal }) => listUsers(signal) });
  useExpireOnUnauthenticated(lines.error);
  const [editing, setEditing] = useState<AdminLine | 'new' | null>(null);
  const [callbacksOf, setCallbacksOf] = useState<AdminLine | null>(null);
  const officials = (users.data ?? []).filter((user) => user.roles.includes('official'));

  // The widths sum to 1052 px, within the 1062 px the panel has on a 1366 px screen, so there no
  // column starts under the pinned actions; narrower screens scroll sideways past them.
  const columns: TableColumnsType<AdminLine> = [
    { key: 'number', title: t('adminLines.number'), dataIndex: 'number', width: 140, render: (value: string) => <span className="mono">{value}</span> },
    { key: 'name', title: t('adminLines.name'), dataIndex: 'name', width: 160 },
    { key: 'mode', title: t('adminLines.mode'), dataIndex: 'mode', width: 96, render: (mode: string) => lineModeLabel(t, mode) },
    {
      key: 'owner',
      title: t('adminLines.ownerTitle'),
      width: 140,
      render: (_: unknown, line) => (line.ownerName ? `${line.ownerTitle} ${line.ownerName}` : line.ownerTitle),
    },
    {
      key: 'channels',
      title: t('adminLines.channels'),
      width: 104,
      render: (_: unknown, line) => (
        <span data-testid="line-channels">
          {line.acceptsVoice && <Tag color="blue">{t('adminLines.channelVoice')}</Tag>}
          {line.acceptsSms && <Tag color="gold">{t('adminLines.channelSms')}</Tag>}
        </span>
      ),
    },
    {
      key: 'public',
      title: t('adminLines.public'),
      dataIndex: 'isPublic',
      width: 72,
      render: (isPublic: boolean) => (isPublic ? <Tag color="green">{t('adminLines.public')}</Tag> : <Tag>{t('adminLines.internal')}</Tag>),
    },
    {
      key: 'hours',
      title: t('adminLines.serviceHours'),
      width: 196,
      render: (_: unknown, line) =>
        describeWeek(t, line.serviceHours).map((row) => (
          <div key={row.days}>
            {row.days} <Typography.Text type={row.closed ? 'secondary' : undefined}>{row.spans}</Typography.Text>
          </div>
        )),
    },
    {
      key: 'actions',
      title: t('common.edit'),
      fixed: 'end',
      width: 144,
      render: (_: unknown, line) => (
        <>
          <Button size="small" onClick={() => setEditing(line)} data-testid="line-edit">
            {t('common.edit')}
          </Button>{' '}
          {/* Only direct and staffed lines file callbacks or forward after hours (core callbackReason). */}
          {takesCallbacks(line) ? (
            <Button size="small" onClick={() => setCallbacksOf(line)} data-testid="line-callbacks">
              {t('lineCallback.button')}
            </Button>
          ) : (
            <Typography.Text type="secondary" data-testid="line-no-callbacks">{t('adminLines.noCallbacks')}</Typography.Text>
          )}
        </>
      ),
    },
  ];

  return (
    <Panel
      title={t('adminLines.title')}
      extra={
        <Button type="primary" onClick={() => setEditing('new')} data-testid="line-add">
          {t('adminLines.add')}
        </Button>
      }
    >
      <PageTitle title={t('adminLines.title')} />
      <Typography.Paragraph type="secondary">{t('adminLines.intro')}</Typography.Paragraph>
      <LoadError error={lines.error} onRetry={() => void lines.refetch()} />
      <Table<AdminLine>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={lines.data ?? []}
        loading={lines.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={false}
        data-testid="lines-table"
      />
      {editing && (
        <LineFormModal
          line={editing === 'new' ? null : editing}
          officials={officials}
          onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            void message.success(editing === 'new' ? t('adminLines.created', { number: saved.number }) : t('adminLines.saved'));
            setEditing(null);
            void client.invalidateQueries({ queryKey: adminKeys.lines });
          }}
        />
      )}
      <LineCallbackModal line={callbacksOf} onClose={() => setCallbacksOf(null)} />
    </Panel>
  );
}
