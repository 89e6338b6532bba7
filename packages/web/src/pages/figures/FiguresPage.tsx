import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { emptyCounts, METRIC_COUNT_KEYS, toFigures } from '@openline/core';
import { DatePicker, Flex, Segmented, Space, Statistic, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getPublicStats, OPEN_DATA_DICTIONARY_URL, openDataUrl, type Figures, type PublicStats } from '../../api/figures';
import { LoadError } from '../../components/LoadError';
import { PageSpinner } from '../../components/PageSpinner';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { Section } from '../../components/Section';
import { formatRate } from '../../lib/rates';
import { FiguresTable, type FiguresRow } from './FiguresTable';
import { RankingTable } from './RankingTable';

type Period = 'month' | 'year';

const active = (f: Figures): boolean => f.dispatched + f.responseDue + f.visits + f.overdue > 0;

/** 政务热线公开数据: each department's and each published line's figures, no login (issue 9 §5). */
export default function FiguresPage() {
  const { t } = useTranslation();
  // Null: the server's default, the last complete month.
  const [month, setMonth] = useState<string | null>(null);
  const [period, setPeriod] = useState<Period>('month');
  const stats = useQuery({ queryKey: ['public', 'stats', month ?? null], queryFn: ({ signal }) => getPublicStats(month, signal), placeholderData: keepPreviousData });
  const data = stats.data ?? null;

  return (
    <Panel title={t('publicFigures.title')}>
      <PageTitle title={t('publicFigures.title')} />
      <Typography.Paragraph type="secondary">{t('publicFigures.intro')}</Typography.Paragraph>
      <Flex gap="middle" wrap align="center">
        <Space>
          <span>{t('publicFigures.month')}</span>
          <DatePicker
            picker="month"
            allowClear={false}
            value={data ? dayjs(`${data.month}-01`) : null}
            disabledDate={(d: Dayjs) => d.isAfter(dayjs(), 'month')}
            onChange={(d: Dayjs | null) => d && setMonth(d.format('YYYY-MM'))}
            data-testid="figures-month"
          />
        </Space>
        <Segmented<Period>
          value={period}
          onChange={setPeriod}
          options={[
            { value: 'month', label: t('publicFigures.periodMonth') },
            { value: 'year', label: t('publicFigures.periodYear') },
          ]}
          data-testid="figures-period"
        />
      </Flex>
      {stats.isPending && <PageSpinner />}
      <LoadError error={stats.error} title={t('publicFigures.loadFailed')} onRetry={() => void stats.refetch()} />
      {data && <FiguresBody data={data} period={period} />}
    </Panel>
  );
}

function FiguresBody({ data, period }: { data: PublicStats; period: Period }) {
  const { t } = useTranslation();
  const noData = t('publicFigures.noData');
  const pick = (item: Figures & { last12Months: Figures }): Figures => (period === 'month' ? item : item.last12Months);
  const city = period === 'month' ? data.jurisdiction : sumTrend(data.trend);
  // Units with nothing in twelve months (the centre, an empty office) would only be rows of n/a.
  const units: FiguresRow[] = data.units.filter((u) => active(u.last12Months)).map((u) => ({ key: u.unitId, name: u.unitName, figures: pick(u) }));
  const lines: FiguresRow[] = data.lines.map((l) => ({ key: l.lineId, name: l.name, detail: `${l.number} · ${l.ownerTitle}`, figures: pick(l) }));
  const trend: FiguresRow[] = [...data.trend].reverse().map((m) => ({ key: m.month, name: m.month, figures: m }));

  return (
    <>
      <Section title={t('publicFigures.city')}>
        <Flex gap="large" wrap data-testid="figures-city">
          <Statistic title={t('publicFigures.dispatched')} value={city.dispatched} />
          <Statistic title={t('publicFigures.responseRate')} value={formatRate(city.responseRate, noData)} />
          <Statistic title={t('publicFigures.resolutionRate')} value={formatRate(city.resolutionRate, noData)} />
          <Statistic title={t('publicFigures.satisfactionRate')} value={formatRate(city.satisfactionRate, noData)} />
          <Statistic title={t('publicFigures.returnRate')} value={formatRate(city.returnRate, noData)} />
        </Flex>
        <Typography.Paragraph type="secondary">{t('publicFigures.definitions')}</Typography.Paragraph>
      </Section>
      <Section title={t('publicFigures.departments')}>
        <FiguresTable rows={units} nameTitle={t('publicFigures.unit')} testId="figures-units" />
      </Section>
      <Section title={`${t('publicFigures.ranking')} (${data.month})`}>
        <Typography.Paragraph type="secondary">{t('publicFigures.rankingIntro')}</Typography.Paragraph>
        <RankingTable items={data.ranking} />
      </Section>
      <Section title={t('publicFigures.lines')}>
        <FiguresTable rows={lines} nameTitle={t('publicFigures.line')} testId="figures-lines" />
      </Section>
      <Section title={t('publicFigures.trend')}>
        <FiguresTable rows={trend} nameTitle={t('publicFigures.month')} testId="figures-trend" />
      </Section>
      <Section title={t('publicFigures.openData')}>
        <Typography.Paragraph type="secondary">{t('publicFigures.openDataIntro')}</Typography.Paragraph>
        <Space wrap>
          <a href={openDataUrl('csv', data.month)} download data-testid="open-data-csv">{t('publicFigures.downloadCsv')} ({data.month})</a>
          <a href={openDataUrl('json', data.month)} download>{t('publicFigures.downloadJson')} ({data.month})</a>
          <a href={OPEN_DATA_DICTIONARY_URL} target="_blank" rel="noreferrer">{t('publicFigures.dictionary')}</a>
        </Space>
      </Section>
    </>
  );
}

/** Twelve months of the city summed: the rates are recomputed from the counts (core), never averaged. */
function sumTrend(trend: Figures[]): Figures {
  const c = emptyCounts();
  for (const m of trend) for (const k of METRIC_COUNT_KEYS) c[k] += m[k];
  return toFigures(c);
}
