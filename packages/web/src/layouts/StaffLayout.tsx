import { App, Button, Flex, Layout, Menu, Tag, Typography, theme } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { IncomingCalls } from '../components/IncomingCalls';
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
  // Below antd's lg breakpoint the menu is a drawer over the page, opened from a header button:
  // antd's own floating trigger sat on top of each page's title on a phone.
  const [narrow, setNarrow] = useState(false);
  const [menuClosed, setMenuClosed] = useState(false);
  useEffect(() => {
    if (narrow) setMenuClosed(true);
  }, [narrow, location.pathname]);

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
      <IncomingCalls />
      <Sider
        breakpoint="lg"
        collapsedWidth={0}
        width={208}
        collapsed={menuClosed}
        trigger={null}
        onBreakpoint={(broken) => {
          setNarrow(broken);
          setMenuClosed(broken);
        }}
        className={narrow ? 'staff-sider--overlay' : undefined}
        aria-label={t('nav.mainMenu')}
      >
        <Link to="/cases" className="staff-brand">
          <span className="staff-brand__number">12345</span>
          <span>{t('app.staffConsole')}</span>
        </Link>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selectedMenuKey(location.pathname)}
          items={staffMenuItems(t, user.roles)}
          // A choice closes the phone menu even when it is the page already shown.
          onClick={() => narrow && setMenuClosed(true)}
        />
      </Sider>
      {narrow && !menuClosed && (
        // A tap beside the open menu closes it, as on every phone app; the menu toggle and
        // Escape-free navigation remain the keyboard's way.
        <div className="staff-menu-backdrop" aria-hidden="true" onClick={() => setMenuClosed(true)} />
      )}
      <Layout>
        <Header className="staff-header" style={{ background: token.colorBgContainer }}>
          <Flex align="center" justify="flex-end" gap="small" wrap>
            {narrow && (
              <Button
                className="staff-menu-toggle"
                data-testid="menu-toggle"
                aria-expanded={!menuClosed}
                onClick={() => setMenuClosed((closed) => !closed)}
              >
                {t('nav.menu')}
              </Button>
            )}
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
