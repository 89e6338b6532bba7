import { App, Button, Flex, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listUsers, updateUser, type AdminUser } from '../../../api/users';
import { LoadError } from '../../../components/LoadError';
import { PageTitle } from '../../../components/PageTitle';
import { Panel } from '../../../components/Panel';
import { roleLabel } from '../../../i18n/labels';
import { describeError } from '../../../lib/errors';
import { useRemote } from '../../../lib/useRemote';
import { useExpireOnUnauthenticated, useStaffUser } from '../../../session/context';
import { UserFormModal } from './UserFormModal';

/** Staff accounts: who they are, their roles, their unit; created, edited and disabled (never deleted). */
export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useStaffUser();
  const users = useRemote('admin-users', listUsers);
  useExpireOnUnauthenticated(users.status === 'error' ? users.error : null);
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const setStatus = async (user: AdminUser, status: AdminUser['status']) => {
    setBusy(user.id);
    try {
      await updateUser(user.id, { status });
      void message.success(t('users.saved'));
      users.reload();
    } catch (error) {
      void message.error(describeError(t, error));
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<AdminUser> = [
    { key: 'username', title: t('users.username'), dataIndex: 'username', width: 140, render: (value: string) => <span className="mono">{value}</span> },
    { key: 'displayName', title: t('users.displayName'), dataIndex: 'displayName', width: 120 },
    {
      key: 'roles',
      title: t('users.roles'),
      dataIndex: 'roles',
      width: 200,
      render: (roles: string[]) => roles.map((role) => <Tag key={role} color="geekblue">{roleLabel(t, role)}</Tag>),
    },
    { key: 'orgUnit', title: t('users.orgUnit'), dataIndex: 'orgUnitName', width: 200 },
    {
      key: 'status',
      title: t('users.status'),
      dataIndex: 'status',
      width: 90,
      render: (status: string) => (status === 'active' ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.disabled')}</Tag>),
    },
    {
      key: 'actions',
      title: t('common.edit'),
      fixed: 'end',
      width: 160,
      render: (_: unknown, user) => (
        <Flex gap="small">
          <Button size="small" onClick={() => setEditing(user)} data-testid="user-edit">
            {t('common.edit')}
          </Button>
          {user.status === 'active' ? (
            // Disabling yourself would lock the last admin out; the server decides, the screen does not offer it.
            user.id !== me.id && (
              <Popconfirm title={t('users.disableConfirm', { name: user.displayName })} onConfirm={() => void setStatus(user, 'disabled')}>
                <Button size="small" danger loading={busy === user.id} data-testid="user-disable">
                  {t('users.disable')}
                </Button>
              </Popconfirm>
            )
          ) : (
            <Button size="small" loading={busy === user.id} onClick={() => void setStatus(user, 'active')} data-testid="user-enable">
              {t('users.enable')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <Panel
      title={t('users.title')}
      extra={
        <Button type="primary" onClick={() => setEditing('new')} data-testid="user-add">
          {t('users.add')}
        </Button>
      }
    >
      <PageTitle title={t('users.title')} />
      <Typography.Paragraph type="secondary">{t('users.intro')}</Typography.Paragraph>
      <LoadError error={users.status === 'error' ? users.error : null} onRetry={users.reload} />
      <div data-testid="users-table">
        <Table<AdminUser>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={'data' in users ? users.data : []}
          loading={users.status === 'loading'}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
        />
      </div>
      {editing && (
        <UserFormModal
          user={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            void message.success(editing === 'new' ? t('users.created', { name: saved.displayName }) : t('users.saved'));
            setEditing(null);
            users.reload();
          }}
        />
      )}
    </Panel>
  );
}
