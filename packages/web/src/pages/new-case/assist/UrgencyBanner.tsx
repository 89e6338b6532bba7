import { Alert, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UrgencySuggestion } from '../../../api/intake';

/** Emergency → redirect the caller; urgent → the form's urgency was pre-selected; normal → a quiet note. */
export function UrgencyBanner({ urgency }: { urgency: UrgencySuggestion }) {
  const { t } = useTranslation();
  const terms = [...new Set(urgency.matches.map((match) => match.term))];
  const matched = terms.length > 0 && (
    <div className="assist__terms">
      {t('assist.matchedTerms')}
      {terms.map((term) => (
        <Tag key={term}>{term}</Tag>
      ))}
    </div>
  );
  const outage = urgency.utilitiesOutage && <div>{t('assist.utilitiesOutage')}</div>;

  if (urgency.level === 'emergency') {
    return (
      <div data-testid="suggest-urgency" data-level="emergency">
        <Alert
          type="error"
          showIcon
          role="alert"
          title={<span data-testid="suggest-redirect">{t('assist.emergencyTitle', { number: urgency.redirect?.number ?? '110' })}</span>}
          description={
            <>
              {urgency.redirect?.reason && <div>{urgency.redirect.reason}</div>}
              <div>{t('assist.emergencyBody')}</div>
              {matched}
            </>
          }
        />
      </div>
    );
  }
  if (urgency.level === 'urgent') {
    return (
      <div data-testid="suggest-urgency" data-level="urgent">
        <Alert
          type="warning"
          showIcon
          title={t('assist.urgentTitle')}
          description={
            <>
              {t('assist.urgentBody')}
              {outage}
              {matched}
            </>
          }
        />
      </div>
    );
  }
  return (
    <div data-testid="suggest-urgency" data-level="normal">
      <Typography.Text type="secondary">{t('assist.normal')}</Typography.Text>
      {outage}
      {matched}
    </div>
  );
}
