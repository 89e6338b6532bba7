import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseDetail } from '../../api/cases';
import { UrgencyTag } from '../../components/UrgencyTag';
import { caseTypeLabel, channelLabel } from '../../i18n/labels';
import { formatCityTime } from '../../lib/time';

interface CaseSummaryProps {
  detail: CaseDetail;
  unitName: (id: string) => string | undefined;
}

/** The facts of the case at a glance (the status and flags are in the page header). */
export function CaseSummary({ detail, unitName }: CaseSummaryProps) {
  const { t } = useTranslation();
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const coUnits = detail.coUnitIds.map((id) => unitName(id) ?? id).join('、');

  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, xl: 3 }}
      styles={{ label: { whiteSpace: 'nowrap' } }}
      items={[
        {
          key: 'caseNumber',
          label: t('caseDetail.caseNumber'),
          children: (
            <Typography.Text copyable className="mono" data-testid="case-number">
              {detail.caseNumber}
            </Typography.Text>
          ),
        },
        { key: 'type', label: t('caseDetail.type'), children: caseTypeLabel(t, detail.type) },
        { key: 'urgency', label: t('caseDetail.urgency'), children: <UrgencyTag urgency={detail.urgency} /> },
        { key: 'channel', label: t('caseDetail.channel'), children: channelLabel(t, detail.channel) },
        { key: 'line', label: t('caseDetail.line'), children: detail.line?.name ?? none },
        {
          key: 'leadUnit',
          label: t('caseDetail.leadUnit'),
          children: detail.leadUnit ? (
            <span data-testid="case-lead-unit">{detail.leadUnit.name}</span>
          ) : (
            <Typography.Text type="secondary">{t('caseDetail.noLeadUnit')}</Typography.Text>
          ),
        },
        ...(coUnits ? [{ key: 'coUnits', label: t('caseDetail.coUnits'), children: coUnits }] : []),
        { key: 'bounceCount', label: t('caseDetail.bounceCount'), children: <span data-testid="case-bounce-count">{detail.bounceCount}</span> },
        {
          key: 'createdAt',
          label: t('caseDetail.createdAt'),
          children: <time dateTime={detail.createdAt}>{formatCityTime(detail.createdAt)}</time>,
        },
        {
          key: 'updatedAt',
          label: t('caseDetail.updatedAt'),
          children: <time dateTime={detail.updatedAt}>{formatCityTime(detail.updatedAt)}</time>,
        },
        ...(detail.parentId
          ? [{ key: 'parent', label: t('caseDetail.parent'), children: <Link to={`/cases/${detail.parentId}`}>{t('caseDetail.openParent')}</Link> }]
          : []),
      ]}
    />
  );
}
