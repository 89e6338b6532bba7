import { Alert, Button, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatCityTime } from '../../lib/time';

/**
 * A page that ended at its range's window before it filled (ADR 0062): it searched only the cases
 * received since `since`. The action asks again for the cases received before it.
 */
export function SearchedSinceNotice({ since, onSearchEarlier }: { since: string; onSearchEarlier: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="info"
      showIcon
      className="form-alert"
      data-testid="cases-searched-since"
      title={t('cases.searchedSince', { time: formatCityTime(since) })}
      action={
        <Button size="small" onClick={onSearchEarlier} data-testid="cases-search-earlier">
          {t('cases.searchEarlier')}
        </Button>
      }
    />
  );
}

/** The "received before" limit that searching earlier set; closing it drops only that limit. */
export function BeforeTag({ before, onRemove }: { before: string; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <div>
      <Tag closable onClose={onRemove} closeIcon={<span aria-label={t('cases.removeBefore')}>×</span>} data-testid="cases-before-tag">
        {t('cases.before', { time: formatCityTime(before) })}
      </Tag>
    </div>
  );
}
