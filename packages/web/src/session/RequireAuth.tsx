import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { PageSpinner } from '../components/PageSpinner';
import { describeError } from '../lib/errors';
import { loginPath } from '../lib/redirect';
import { useCheckedSession } from './context';

/** Staff routes: signed-in users see the page, others go to the login page and come back after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { state, check } = useCheckedSession();
  const location = useLocation();

  switch (state.status) {
    case 'signed-in':
      return children;
    case 'signed-out':
      // After a deliberate logout the next person to sign in starts fresh, not on the last page.
      return (
        <Navigate to={state.reason === 'logout' ? '/login' : loginPath(`${location.pathname}${location.search}`)} replace />
      );
    case 'error':
      return (
        <Result
          status="warning"
          title={t('session.checkFailed')}
          subTitle={describeError(t, state.error)}
          extra={
            <Button type="primary" onClick={check}>
              {t('common.retry')}
            </Button>
          }
        />
      );
    default:
      return <PageSpinner fullscreen />;
  }
}
