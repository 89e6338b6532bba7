import { App, Badge, Button, Dropdown, Empty, Flex, List, Typography, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationTarget } from './target';
import { Link, useNavigate } from 'react-router';
import { useMarkAllRead, useMarkRead, useNotificationStream, useNotifications, type Notification } from '../../api/notifications';
import { describeError } from '../../lib/errors';
import { formatCityTime } from '../../lib/time';
import { useExpireOnUnauthenticated, useStaffUser } from '../../session/context';
import { BellIcon } from './BellIcon';
import { notificationKindLabel, notificationTargetLabel } from './kind-label';
import { notificationText } from './notice-text';

const RECENT = 8;

/** The header's bell: unread count, the latest few, mark read, a link to the full list. */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const { roles } = useStaffUser();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const list = useNotifications({ limit: RECENT });
  useNotificationStream();
  useExpireOnUnauthenticated(list.error);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const unread = list.data?.unread ?? 0;

  const openItem = (item: Notification) => {
    setOpen(false);
    if (item.readAt === null) markRead.mutate(item.id, { onError: (error) => void message.error(describeError(t, error)) });
    const target = notificationTarget(item, roles);
    if (target) void navigate(target.to);
  };

  const panel = (
    <div className="notification-panel" style={{ background: token.colorBgElevated, boxShadow: token.boxShadowSecondary, borderRadius: token.borderRadiusLG }} data-testid="notification-panel">
      <Flex justify="space-between" align="center" className="notification-panel__head">
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button
          size="small"
          type="link"
          disabled={unread === 0}
          loading={markAll.isPending}
          data-testid="notifications-read-all"
          onClick={() => markAll.mutate(undefined, { onError: (error) => void message.error(describeError(t, error)) })}
        >
          {t('notifications.markAllRead')}
        </Button>
      </Flex>
      {list.data && list.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <List
          size="small"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          renderItem={(item) => {
            const text = notificationText(item, i18n.language);
            return (
              <List.Item
                className={item.readAt === null ? 'notification-item notification-item--unread' : 'notification-item'}
                data-testid="notification-item"
                onClick={() => openItem(item)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') openItem(item);
                }}
                tabIndex={0}
                role="button"
              >
                <Flex vertical gap={2}>
                  <Typography.Text strong={item.readAt === null}>{notificationKindLabel(t, item.kind)}</Typography.Text>
                  {text && <Typography.Text data-testid="notification-text">{text}</Typography.Text>}
                  <Typography.Text type="secondary">
                    {notificationTargetLabel(t, item, notificationTarget(item, roles))} · {formatCityTime(item.createdAt)}
                  </Typography.Text>
                </Flex>
              </List.Item>
            );
          }}
        />
      )}
      <div className="notification-panel__foot">
        <Link to="/notifications" onClick={() => setOpen(false)} data-testid="notifications-view-all">
          {t('notifications.viewAll')}
        </Link>
      </div>
    </div>
  );

  return (
    <Dropdown open={open} onOpenChange={setOpen} trigger={['click']} placement="bottomRight" popupRender={() => panel}>
      <Button
        type="text"
        size="small"
        aria-label={unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')}
        data-testid="notification-bell"
        data-unread={unread}
      >
        <Badge count={unread} size="small" overflowCount={99}>
          <BellIcon />
        </Badge>
      </Button>
    </Dropdown>
  );
}
