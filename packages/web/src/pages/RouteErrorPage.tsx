import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

/**
 * Last resort for a render error or a page chunk that failed to load. The usual cause is a
 * deployment that replaced the hashed chunks this tab still references, so a reload fixes it.
 * It lives in the entry chunk and uses only what the entry already loads, or it could fail too.
 */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <Flex component="main" vertical align="center" justify="center" gap="middle" className="centered-page" role="alert">
      <h1 className="error-title">{t('routeError.title')}</h1>
      <p className="error-subtitle">{t('routeError.subtitle')}</p>
      <Button type="primary" onClick={() => window.location.reload()}>
        {t('routeError.reload')}
      </Button>
      {import.meta.env.DEV && error instanceof Error && <pre className="dev-error">{error.stack ?? error.message}</pre>}
    </Flex>
  );
}
