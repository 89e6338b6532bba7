import { Flex, Layout } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { PageSpinner } from '../components/PageSpinner';

const { Header, Content, Footer } = Layout;

/** Frame of the citizen pages and the login page: plain, mobile-first, no staff navigation. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <Layout className="public-layout">
      <Header className="public-header">
        <Link to="/appeal" className="public-brand">
          <span className="public-brand__mark" aria-hidden="true">
            12345
          </span>
          <span className="public-brand__text">
            <span className="public-brand__name">{t('app.name')}</span>
            <span className="public-brand__tagline">{t('app.tagline')}</span>
          </span>
        </Link>
        <Flex align="center" gap="middle" wrap component="nav" aria-label={t('nav.publicServices')}>
          <NavLink to="/lines" className="public-nav-link" data-testid="nav-public-lines">
            {t('nav.publicLines')}
          </NavLink>
          <NavLink to="/figures" className="public-nav-link" data-testid="nav-public-figures">
            {t('nav.publicFigures')}
          </NavLink>
          <NavLink to="/appeal" className="public-nav-link" data-testid="nav-public-appeal">
            {t('nav.publicAppeal')}
          </NavLink>
          <NavLink to="/track" className="public-nav-link" data-testid="nav-public-track">
            {t('nav.publicTrack')}
          </NavLink>
          <LanguageSwitch plain />
        </Flex>
      </Header>
      <Content className="public-content">
        <Suspense fallback={<PageSpinner />}>
          <Outlet />
        </Suspense>
      </Content>
      <Footer className="public-footer">
        {t('common.hotlineHint')} · <Link to="/login">{t('nav.staffLogin')}</Link> · {t('app.brand')}
      </Footer>
    </Layout>
  );
}
