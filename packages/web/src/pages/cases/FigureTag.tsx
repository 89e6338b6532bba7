import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOrgUnits } from '../../api/queries/orgUnits';
import { caseTypeLabel, channelLabel } from '../../i18n/labels';
import type { FigureFilter } from '../../lib/figureFilter';

interface FigureTagProps {
  figure: FigureFilter;
  onRemove: () => void;
}

/** Says which figure the list came from; closing it drops the figure and keeps the other filters. */
export function FigureTag({ figure, onRemove }: FigureTagProps) {
  const { t } = useTranslation();
  // The unit's name, for the label only: the filter itself is the id.
  const units = useOrgUnits();
  const unitName = figure.unitId ? units.data?.find((u) => u.id === figure.unitId)?.name : undefined;
  const parts = [
    unitName ? `${unitName}${figure.subtree ? t('figureFilter.subtree') : ''}` : null,
    figure.type ? caseTypeLabel(t, figure.type) : null,
    figure.channel ? channelLabel(t, figure.channel) : null,
    t(`figureFact.${figure.fact}`),
    t('figureFilter.period', { from: figure.from, to: figure.to }),
  ].filter((p): p is string => p !== null);
  return (
    <Flex vertical gap={4} className="figure-tag">
      <div>
        <Tag color="blue" closable onClose={onRemove} closeIcon={<span aria-label={t('figureFilter.remove')}>×</span>} data-testid="figure-tag">
          {t('figureFilter.tag', { what: parts.join(' · ') })}
        </Tag>
      </div>
      <Typography.Text type="secondary">{t('figureFilter.hint')}</Typography.Text>
    </Flex>
  );
}
