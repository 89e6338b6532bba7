import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Flex, Segmented, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { unitFiguresXlsxUrl } from '../../api/stats';
import { BarChart } from '../../components/charts/BarChart';
import { DonutChart } from '../../components/charts/DonutChart';
import { TimeSeriesChart } from '../../components/charts/TimeSeriesChart';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { fromPickerValue, toPickerValue } from '../../lib/dates';
import { describeError } from '../../lib/errors';
import { isUnauthenticated, useExpireOnUnauthenticated } from '../../session/context';
import { channelsChart, loadDashboard, overdueChart, trendChart, typesChart } from './data';
import { readPeriod, writePeriod, type PeriodPreset } from './period';
import { RateTiles } from './RateTiles';
import { CategoryFigures } from './CategoryFigures';
import { LineAnswerRates } from './LineAnswerRates';
import { UnitFiguresTable } from './UnitFiguresTable';

/** 统计分析: the figures of the caller's scope for a period, every number leading to its cases. */
export default function StatsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const period = readPeriod(params, new Date());
  const { from, to } = period;
  const dashboard = useQuery({ queryKey: ['stats', 'dashboard', from, to], queryFn: ({ signal }) => loadDashboard({ from, to }, signal), placeholderData: keepPreviousData });
  const failure = dashboard.error;
  useExpireOnUnauthenticated(failure);
  const d = dashboard.data;
  const charts = useMemo(() => (d ? { trend: trendChart(t, d), overdue: overdueChart(t, d), types: typesChart(t, d), channels: channelsChart(t, d) } : null), [d, t]);

  const onPreset = (preset: PeriodPreset) =>
    setParams(preset === 'custom' ? writePeriod({ preset, from, to }) : writePeriod({ preset }));
  const presets: Array<{ value: PeriodPreset; label: string }> = [
    { value: 'thisMonth', label: t('dashboard.thisMonth') },
    { value: 'lastMonth', label: t('dashboard.lastMonth') },
    { value: 'custom', label: t('dashboard.custom') },
  ];

  return (
    <Panel
      title={t('dashboard.title')}
      extra={
        <Flex align="center" gap="small" wrap>
          <Button href={unitFiguresXlsxUrl({ from, to })} data-testid="stats-xlsx">
            {t('dashboard.exportXlsx')}
          </Button>
          <Button onClick={() => void dashboard.refetch()} loading={dashboard.isFetching}>
            {t('common.refresh')}
          </Button>
        </Flex>
      }
    >
      <PageTitle title={t('dashboard.title')} />
      <Typography.Paragraph type="secondary">{t('dashboard.intro')}</Typography.Paragraph>
      <Flex gap="small" wrap align="center" role="group" aria-label={t('dashboard.period')} className="stats-period">
        <Segmented<PeriodPreset> options={presets} value={period.preset} onChange={onPreset} data-testid="stats-preset" />
        <DatePicker.RangePicker
          aria-label={t('dashboard.period')}
          placeholder={[t('dashboard.startDate'), t('dashboard.endDate')]}
          value={[toPickerValue(from), toPickerValue(to)]}
          allowClear={false}
          onChange={(range) => {
            const start = fromPickerValue(range?.[0]);
            const end = fromPickerValue(range?.[1]);
            if (start && end) setParams(writePeriod({ preset: 'custom', from: start, to: end }));
          }}
          data-testid="stats-range"
        />
        <Typography.Text type="secondary" data-testid="stats-period">
          {from} – {to}
        </Typography.Text>
      </Flex>
      {failure !== null && !isUnauthenticated(failure) && (
        <Alert type="error" showIcon role="alert" title={t('dashboard.loadFailed')} description={describeError(t, failure)} />
      )}
      {d && charts && (
        <>
          <RateTiles total={d.total} period={d.period} />
          <div className="stats-grid">
            <TimeSeriesChart title={t('dashboard.trend')} {...charts.trend} testId="chart-trend" />
            <BarChart title={t('dashboard.overdueByUnit')} {...charts.overdue} testId="chart-overdue" />
            <BarChart title={t('dashboard.topTypes')} {...charts.types} testId="chart-types" />
            <DonutChart title={t('dashboard.channelMix')} {...charts.channels} testId="chart-channels" />
          </div>
          <CategoryFigures period={d.period} />
          <LineAnswerRates period={d.period} />
          <Typography.Title level={2} className="chart-card__title">
            {t('dashboard.unitTable')}
          </Typography.Title>
          <UnitFiguresTable units={d.units} period={d.period} />
        </>
      )}
    </Panel>
  );
}
