import type { UseQueryResult } from '@tanstack/react-query';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IntakeCheckRequest, IntakeSuggestion, RepeatContactRequest } from '../../../api/intake';
import type { Article } from '../../../api/kb';
import { ArticleSuggestions } from './ArticleSuggestions';
import { DuplicateCandidates } from './DuplicateCandidates';
import { UnitSuggestions, type SuggestedUnit } from './UnitSuggestions';
import { UrgencyBanner } from './UrgencyBanner';

interface AssistPanelProps {
  suggestion: UseQueryResult<IntakeSuggestion>;
  articleQuery: string;
  check: IntakeCheckRequest;
  contact: RepeatContactRequest | null;
  unit: SuggestedUnit | null;
  onUnit: (unit: SuggestedUnit | null) => void;
  onAnswered: (article: Article) => void;
}

/** Everything the console suggests while the content is typed; each part loads on its own. */
export function AssistPanel({ suggestion, articleQuery, check, contact, unit, onUnit, onAnswered }: AssistPanelProps) {
  const { t } = useTranslation();
  // Disabled and never loaded: nothing typed yet.
  if (suggestion.isPending && suggestion.fetchStatus === 'idle') return null;
  const data = suggestion.data;
  return (
    <aside className="assist" aria-label={t('assist.title')} aria-busy={suggestion.isFetching} data-testid="suggest-panel">
      <Typography.Text strong>{t('assist.title')}</Typography.Text>{' '}
      <Typography.Text type="secondary">{suggestion.isFetching ? t('assist.loading') : t('assist.hint')}</Typography.Text>
      {suggestion.isError && (
        <div>
          <Typography.Text type="warning">{t('assist.failed')}</Typography.Text>
        </div>
      )}
      {data && (
        <>
          <UrgencyBanner urgency={data.urgency} />
          <section className="assist__section">
            <Typography.Text strong className="assist__heading">
              {t('assist.units')}
            </Typography.Text>
            <UnitSuggestions routing={data.routing} selected={unit} onSelect={onUnit} />
          </section>
        </>
      )}
      <ArticleSuggestions query={articleQuery} onAnswered={onAnswered} />
      <DuplicateCandidates check={check} contact={contact} />
    </aside>
  );
}
