import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { RANKING_KINDS, type RankingKind } from '@openline/core';
import { Flex, Segmented, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchRanking, type RankingItem } from '../../api/reports';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { useExpireOnUnauthenticated } from '../../session/context';
import { MonthField, useMonthParam } from './MonthField';
import { percent } from './month';

/** Change of rank month over month: an arrow and the places moved, or why there is none. */
function ChangeCell({ item }: { item: RankingItem }) {
  const { t } = useTranslation();
  if (item.change === null) return <Typography.Text type="secondary">{item.rank !== null && item.previousRank === null ? t('ranking.newlyRanked') : '—'}</Typography.Text>;
  if (item.change === 0) return <span aria-label={t('ranking.unchanged')}>– 0</span>;
  const up = item.change > 0;
  return (
    <span style={{ color: up ? '#389e0d' : '#cf1322' }} aria-label={t(up ? 'ranking.up' : 'ranking.down', { count: Math.abs(item.change) })} data-testid="ranking-change">
      {up ? '▲' : '▼'} {Math.abs(item.change)}
    </span>
  );
}

/** 排名: departments and streets by the composite score of the month, with the month before. */
export default function RankingPage() {
  const { t } = useTranslation();
  const [month, setMonth] = useMonthParam();
  const [kind, setKind] = useState<RankingKind>('department');
  const remote = useQuery({ queryKey: ['reports', 'ranking', month, kind], queryFn: ({ signal }) => fetchRanking(month, kind, signal), placeholderData: keepPreviousData });
  useExpireOnUnauthenticated(remote.error);
  const data = remote.data;

  const score = (value: number | null) => (value === null ? '—' : value.toFixed(2));
  const columns: TableColumnsType<RankingItem> = [
    { key: 'rank', title: t('ranking.rank'), width: 80, render: (_: unknown, r) => (r.rank === null ? <Tag>{t('ranking.unranked')}</Tag> : r.rank) },
    { key: 'unit', title: t('ranking.unit'), dataIndex: 'unitName' },
    { key: 'score', title: t('ranking.score'), width: 100, render: (_: unknown, r) => score(r.score) },
    { key: 'change', title: t('ranking.change'), width: 110, render: (_: unknown, r) => <ChangeCell item={r} /> },
    { key: 'previous', title: t('ranking.previous'), width: 150, render: (_: unknown, r) => `${r.previousRank ?? '—'} / ${score(r.previousScore)}` },
    { key: 'volume', title: t('ranking.volume'), dataIndex: 'volume', width: 100 },
    { key: 'response', title: t('ranking.responseRate'), width: 100, render: (_: unknown, r) => percent(r.responseRate) },
    { key: 'resolution', title: t('ranking.resolutionRate'), width: 100, render: (_: unknown, r) => percent(r.resolutionRate) },
    { key: 'satisfaction', title: t('ranking.satisfactionRate'), width: 100, render: (_: unknown, r) => percent(r.satisfactionRate) },
  ];

  return (
    <Panel title={t('ranking.title')}>
      <PageTitle title={t('ranking.title')} />
      <Flex gap={12} wrap align="center" className="form-alert">
        <MonthField month={month} onChange={setMonth} />
        <Segmented<RankingKind>
          data-testid="ranking-kind"
          value={kind}
          onChange={setKind}
          options={RANKING_KINDS.map((k) => ({ value: k, label: t(`ranking.kinds.${k}`) }))}
        />
      </Flex>
      {data && (
        <Typography.Paragraph type="secondary" data-testid="ranking-weights">
          {t('ranking.explain', {
            response: data.settings.weights.response,
            resolution: data.settings.weights.resolution,
            satisfaction: data.settings.weights.satisfaction,
            minVolume: data.settings.minVolume,
            previous: data.previousMonth,
          })}
        </Typography.Paragraph>
      )}
      <LoadError error={remote.error} onRetry={() => void remote.refetch()} />
      <div data-testid="ranking-table">
        <Table<RankingItem>
          rowKey="unitId"
          size="small"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={remote.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(r) => ({ 'data-testid': 'ranking-row', 'data-unit': r.unitName }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: t('ranking.empty') }}
        />
      </div>
    </Panel>
  );
}
