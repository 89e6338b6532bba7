import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { normalizePhone } from '@openline/core';
import { getCallerHistory } from '../../api/callers';
import { CallerHistoryView } from '../../components/CallerHistoryView';
import { describeError } from '../../lib/errors';
import { useDebounced } from '../../lib/useDebounced';

/**
 * The caller's history as soon as a whole number is typed (issue 10 §2, issue 12 §3): nothing
 * else is needed, unlike the repeat check, which compares complaint texts. Keyed by the E.164
 * number, so 138-1234-0000 and 13812340000 share one answer.
 */
export function CallerHistoryPanel({ phone }: { phone: string }) {
  const { t } = useTranslation();
  const settled = useDebounced(phone.trim(), 300);
  const parsed = normalizePhone(settled);
  const e164 = parsed.ok ? parsed.e164 : null;
  const history = useQuery({
    queryKey: ['caller-history', e164],
    queryFn: ({ signal }) => getCallerHistory(e164 ?? '', signal),
    enabled: e164 !== null,
  });
  if (e164 === null) return null;
  return (
    <Card size="small" title={t('callerHistory.title')} className="form-alert" data-testid="new-case-caller-history">
      {history.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} aria-label={t('callerHistory.loading')} />
      ) : history.isError ? (
        <Alert type="warning" showIcon title={describeError(t, history.error)} />
      ) : (
        <CallerHistoryView history={history.data} />
      )}
    </Card>
  );
}
