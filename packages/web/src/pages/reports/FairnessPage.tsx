import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchFairness, type FairnessAnswer, type WaitSummary } from '../../api/reports';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { useExpireOnUnauthenticated } from '../../session/context';
import { MonthField, useMonthParam } from './MonthField';
import { waitParts } from './month';

type Split = 'byBand' | 'byUrgency' | 'byContacts' | 'byCaller';
const SPLITS: Split[] = ['byContacts', 'byCaller', 'byBand', 'byUrgency'];

/** The plain-words verdict at the top: the check passed, or which cases it found. */
function Verdict({ data }: { data: FairnessAnswer }) {
  const { t } = useTranslation();
  if (data.check.violations > 0) {
    return (
      <Alert
        type="error"
        showIcon
        className="form-alert"
        data-testid="fairness-verdict"
        title={t('fairness.failed', { count: data.check.violations, checked: data.check.checked })}
        description={t('fairness.failedCases', { numbers: data.check.caseNumbers.join('、') })}
      />
    );
  }
  return <Alert type="success" showIcon className="form-alert" data-testid="fairness-verdict" title={t('fairness.passed', { checked: data.check.checked })} />;
}

/** 公平性报告 (DESIGN §7): waits and priority side by side, and the priority check. */
export default function FairnessPage() {
  const { t } = useTranslation();
  const [month, setMonth] = useMonthParam();
  const remote = useQuery({ queryKey: ['reports', 'fairness', month], queryFn: ({ signal }) => fetchFairness(month, signal), placeholderData: keepPreviousData });
  useExpireOnUnauthenticated(remote.error);
  const data = remote.data;

  const wait = (minutes: number | null) => {
    const parts = waitParts(minutes);
    return parts ? t(`fairness.units.${parts.unit}`, { value: parts.value }) : '—';
  };
  const columns = (split: Split): TableColumnsType<WaitSummary> => [
    { key: 'key', title: t(`fairness.splits.${split}`), render: (_: unknown, r) => t(`fairness.keys.${split}.${r.key}`, { defaultValue: r.key }) },
    { key: 'cases', title: t('fairness.cases'), dataIndex: 'cases', width: 80 },
    { key: 'priority', title: t('fairness.averagePriority'), width: 110, render: (_: unknown, r) => r.averagePriority?.toFixed(2) ?? '—' },
    { key: 'dm', title: t('fairness.dispatchMedian'), width: 130, render: (_: unknown, r) => wait(r.dispatchMedianMinutes) },
    { key: 'dp', title: t('fairness.dispatchP90'), width: 130, render: (_: unknown, r) => wait(r.dispatchP90Minutes) },
    { key: 'cm', title: t('fairness.contactMedian'), width: 130, render: (_: unknown, r) => wait(r.contactMedianMinutes) },
    { key: 'cp', title: t('fairness.contactP90'), width: 130, render: (_: unknown, r) => wait(r.contactP90Minutes) },
  ];

  return (
    <Panel title={t('fairness.title')}>
      <PageTitle title={t('fairness.title')} />
      <Typography.Paragraph type="secondary">{t('fairness.intro')}</Typography.Paragraph>
      <div className="form-alert">
        <MonthField month={month} onChange={setMonth} />
      </div>
      <LoadError error={remote.error} onRetry={() => void remote.refetch()} />
      {data && <Verdict data={data} />}
      {data && (
        <Typography.Paragraph type="secondary">
          {t('fairness.frequentRule', { over: data.frequentCallerRule.overContacts, days: data.frequentCallerRule.days })}
        </Typography.Paragraph>
      )}
      {SPLITS.map((split) => (
        <div key={split} data-testid={`fairness-${split}`} style={{ marginBottom: 24 }}>
          <Table<WaitSummary>
            rowKey="key"
            size="small"
            columns={columns(split)}
            dataSource={data?.[split] ?? []}
            loading={remote.isFetching}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
        </div>
      ))}
    </Panel>
  );
}
