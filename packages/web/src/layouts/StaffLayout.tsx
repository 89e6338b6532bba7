import { App, Button, Flex, Layout, Menu, Tag, Typography, theme } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { NotificationBell } from '../components/notifications/NotificationBell';
import { PageSpinner } from '../components/PageSpinner';
import { roleLabel } from '../i18n/labels';
import { describeError } from '../lib/errors';
import { useSession, useStaffUser } from '../session/context';
import { selectedMenuKey, staffMenuItems } from './nav';

const { Header, Sider, Content } = Layout;

export function StaffLayout() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const location = useLocation();
  const user = useStaffUser();
  const { signOut } = useSession();
  const [signingOut, setSigningOut] = useState(false);

  const onLogout = () => {
    setSigningOut(true);
    // On success the session turns signed-out and <RequireAuth> takes us to /login.
    signOut().catch((error: unknown) => {
      setSigningOut(false);
      void message.error(`${t('layout.logoutFailed')} ${describeError(t, error)}`);
    });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider breakpoint="lg" collapsedWidth={0} width={208} aria-label={t('nav.mainMenu')}>
        <Link to="/cases" className="staff-brand">
          <span className="staff-brand__number">12345</span>
          <span>{t('app.staffConsole')}</span>
        </Link>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selectedMenuKey(location.pathname)}
          items={staffMenuItems(t, user.roles)}
        />
      </Sider>
      <Layout>
        <Header className="staff-header" style={{ background: token.colorBgContainer }}>
          <Flex align="center" justify="flex-end" gap="small" wrap>
            <Flex align="center" gap={6} wrap role="group" aria-label={t('layout.currentUser')}>
              <Typography.Text strong data-testid="current-user">
                {user.displayName}
              </Typography.Text>
              <Typography.Text type="secondary" title={t('layout.orgUnit')}>
                {user.orgUnitName}
              </Typography.Text>
              {user.roles.map((role) => (
                <Tag key={role} color="geekblue" style={{ marginInlineEnd: 0 }}>
                  {roleLabel(t, role)}
                </Tag>
              ))}
            </Flex>
            <NotificationBell />
            <LanguageSwitch />
            <Button size="small" data-testid="logout" loading={signingOut} onClick={onLogout}>
              {t('layout.logout')}
            </Button>
          </Flex>
        </Header>
        <Content className="staff-content">
          <Suspense fallback={<PageSpinner />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
