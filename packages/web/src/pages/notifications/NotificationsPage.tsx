import { App, Button, Checkbox, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMarkAllRead, useMarkRead, useNotifications, type Notification } from '../../api/notifications';
import { LoadError } from '../../components/LoadError';
import { notificationKindLabel, notificationTargetLabel } from '../../components/notifications/kind-label';
import { notificationText } from '../../components/notifications/notice-text';
import { notificationTarget } from '../../components/notifications/target';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { describeError } from '../../lib/errors';
import { formatCityTime } from '../../lib/time';
import { useExpireOnUnauthenticated, useStaffUser } from '../../session/context';

/** The newest hundred: older ones have long been acted on through the case lists. */
const PAGE = 100;

/** Every notification of the signed-in user, newest first (issue 12 §4). */
export default function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const { roles } = useStaffUser();
  const { message } = App.useApp();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotifications({ limit: PAGE, unread: unreadOnly });
  useExpireOnUnauthenticated(list.error);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const onError = (error: unknown) => void message.error(describeError(t, error));

  const columns: TableColumnsType<Notification> = [
    { title: t('notifications.time'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatCityTime(v) },
    {
      title: t('notifications.kind'),
      dataIndex: 'kind',
      render: (_: unknown, n) => {
        // A notice about no case says what happened (a cold line's figures, a callback's caller and deadline).
        const text = notificationText(n, i18n.language);
        return text ? (
          <Flex vertical gap={2}>
            <span>{notificationKindLabel(t, n.kind)}</span>
            {/* Wrapped, not one long line: the table sizes columns to content, and the link must stay in view. */}
            <Typography.Text type="secondary" data-testid="notification-text" style={{ display: 'block', maxWidth: 520, whiteSpace: 'normal' }}>
              {text}
            </Typography.Text>
          </Flex>
        ) : (
          notificationKindLabel(t, n.kind)
        );
      },
    },
    {
      title: t('notifications.case'),
      dataIndex: 'caseNumber',
      render: (_: unknown, n) => {
        const target = notificationTarget(n, roles);
        if (!target) return t('notifications.noCase');
        return (
          <Link to={target.to} onClick={() => n.readAt === null && markRead.mutate(n.id, { onError })}>
            {target.what === 'case' ? (n.caseNumber ?? n.caseId) : notificationTargetLabel(t, n, target)}
          </Link>
        );
      },
    },
    {
      title: t('notifications.status'),
      dataIndex: 'readAt',
      width: 160,
      render: (_: unknown, n) =>
        n.readAt === null ? (
          <Flex gap="small" align="center">
            <Tag color="blue">{t('notifications.unread')}</Tag>
            <Button size="small" type="link" onClick={() => markRead.mutate(n.id, { onError })}>
              {t('notifications.markRead')}
            </Button>
          </Flex>
        ) : (
          <Tag>{t('notifications.read')}</Tag>
        ),
    },
  ];

  return (
    <>
      <PageTitle title={t('notifications.title')} />
      <Panel title={t('notifications.title')}>
        <p>{t('notifications.intro')}</p>
        <Flex justify="space-between" align="center" wrap gap="small" style={{ marginBottom: 12 }}>
          <Checkbox checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)}>
            {t('notifications.unreadOnly')}
          </Checkbox>
          <Button
            data-testid="notifications-page-read-all"
            disabled={(list.data?.unread ?? 0) === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate(undefined, { onError })}
          >
            {t('notifications.markAllRead')}
          </Button>
        </Flex>
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
        <Table<Notification>
          rowKey="id"
          size="middle"
          loading={list.isPending}
          columns={columns}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty') }}
        />
      </Panel>
    </>
  );
}
