import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listUsers, updateUser, type AdminUser } from '../../../api/users';
import { LoadError } from '../../../components/LoadError';
import { PageTitle } from '../../../components/PageTitle';
import { Panel } from '../../../components/Panel';
import { roleLabel } from '../../../i18n/labels';
import { describeError } from '../../../lib/errors';
import { useExpireOnUnauthenticated, useStaffUser } from '../../../session/context';
import { adminKeys } from '../../../api/queries/adminKeys';
import { UserFormModal } from './UserFormModal';

/** Staff accounts: who they are, their roles, their unit; created, edited and disabled (never deleted). */
export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useStaffUser();
  const client = useQueryClient();
  const users = useQuery({ queryKey: adminKeys.users, queryFn: ({ signal }) => listUsers(signal) });
  useExpireOnUnauthenticated(users.error);
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: adminKeys.users });

  const setStatus = useMutation({
    mutationFn: ({ user, status }: { user: AdminUser; status: AdminUser['status'] }) => updateUser(user.id, { status }),
    onSuccess: () => {
      void message.success(t('users.saved'));
      return refresh();
    },
    onError: (error) => void message.error(describeError(t, error)),
  });
  const busy = setStatus.isPending ? setStatus.variables.user.id : null;

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
              <Popconfirm title={t('users.disableConfirm', { name: user.displayName })} onConfirm={() => setStatus.mutate({ user, status: 'disabled' })}>
                <Button size="small" danger loading={busy === user.id} data-testid="user-disable">
                  {t('users.disable')}
                </Button>
              </Popconfirm>
            )
          ) : (
            <Button size="small" loading={busy === user.id} onClick={() => setStatus.mutate({ user, status: 'active' })} data-testid="user-enable">
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
      <LoadError error={users.error} onRetry={() => void users.refetch()} />
      <div data-testid="users-table">
        <Table<AdminUser>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={users.data ?? []}
          loading={users.isFetching}
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
            void refresh();
          }}
        />
      )}
    </Panel>
  );
}
