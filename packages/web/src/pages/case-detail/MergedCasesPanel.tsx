import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseDetail } from '../../api/cases';
import { channelLabel } from '../../i18n/labels';
import { formatCityTime } from '../../lib/time';

/**
 * The appeals merged into this case (并单). An automatic merge by unattended intake is marked
 * with the similarity it was decided on, so a wrong one is easy to spot here, on the case that
 * is being worked, and not only on the appeal that disappeared into it.
 */
export function MergedCasesPanel({ cases }: { cases: CaseDetail['mergedCases'] }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('caseDetail.mergedCasesHint')}</Typography.Paragraph>
      <ul className="assist__list" data-testid="case-merged">
        {cases.map((c) => (
          <li key={c.id} data-testid="case-merged-item" data-automatic={c.automatic ? 'true' : 'false'}>
            <Link to={`/cases/${c.id}`} className="mono">
              {c.caseNumber}
            </Link>{' '}
            <Tag>{channelLabel(t, c.channel)}</Tag>
            <Tag color={c.automatic ? 'gold' : undefined}>
              {c.automatic && c.similarity !== null
                ? t('caseDetail.mergedAutomatic', { percent: Math.round(c.similarity * 100) })
                : t('caseDetail.mergedByStaff')}
            </Tag>
            <Typography.Text type="secondary">
              <time dateTime={c.mergedAt}>{formatCityTime(c.mergedAt)}</time>
            </Typography.Text>
          </li>
        ))}
      </ul>
    </>
  );
}
