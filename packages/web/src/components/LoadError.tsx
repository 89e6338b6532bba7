import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '../lib/errors';
import { isUnauthenticated } from '../session/context';

/** A failed load with a retry; silent for a 401, which sends the user to sign in instead. */
export function LoadError({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error === null || error === undefined || isUnauthenticated(error)) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      className="form-alert"
      title={title ?? describeError(t, error)}
      description={title ? describeError(t, error) : undefined}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
    />
  );
}
