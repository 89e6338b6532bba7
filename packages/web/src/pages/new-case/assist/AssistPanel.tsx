import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IntakeCheckRequest, IntakeSuggestion, RepeatContactRequest } from '../../../api/intake';
import type { Article } from '../../../api/kb';
import type { RemoteState } from '../../../lib/useRemote';
import { ArticleSuggestions } from './ArticleSuggestions';
import { DuplicateCandidates } from './DuplicateCandidates';
import { UnitSuggestions, type SuggestedUnit } from './UnitSuggestions';
import { UrgencyBanner } from './UrgencyBanner';

interface AssistPanelProps {
  suggestion: RemoteState<IntakeSuggestion>;
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
  if (suggestion.status === 'idle') return null;
  const data = 'data' in suggestion ? suggestion.data : undefined;
  return (
    <aside className="assist" aria-label={t('assist.title')} aria-busy={suggestion.status === 'loading'} data-testid="suggest-panel">
      <Typography.Text strong>{t('assist.title')}</Typography.Text>{' '}
      <Typography.Text type="secondary">{suggestion.status === 'loading' ? t('assist.loading') : t('assist.hint')}</Typography.Text>
      {suggestion.status === 'error' && (
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
