import { Table, type TableColumnsType } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OwnLine } from '../../api/desk';
import { getFigures, type Period } from '../../api/stats';
import { formatRate } from '../../components/charts/format';
import { LoadError } from '../../components/LoadError';

interface Row {
  line: OwnLine;
  dispatched: number | null;
  overdue: number | null;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
}

/**
 * This month's figures of each of the official's lines, one `/stats/figures?lineId=` each (the
 * server counts the whole line for its owner, whichever unit worked the cases).
 */
export function DeskFigures({ lines, period }: { lines: OwnLine[]; period: Period }) {
  const { t } = useTranslation();
  const results = useQueries({
    queries: lines.map((line) => ({
      queryKey: ['stats', 'figures', { ...period, by: 'month', lineId: line.id }] as const,
      queryFn: ({ signal }: { signal: AbortSignal }) => getFigures({ ...period, by: 'month', lineId: line.id }, signal),
    })),
  });
  const failed = results.find((r) => r.isError);
  const rows: Row[] = lines.map((line, i) => {
    const total = results[i]?.data?.total;
    return {
      line,
      dispatched: total?.dispatched ?? null,
      overdue: total?.overdue ?? null,
      responseRate: total?.responseRate ?? null,
      resolutionRate: total?.resolutionRate ?? null,
      satisfactionRate: total?.satisfactionRate ?? null,
    };
  });
  const count = (value: number | null) => (value === null ? t('charts.noData') : value);
  const columns: TableColumnsType<Row> = [
    { key: 'line', title: t('desk.figuresLine'), render: (_: unknown, row) => row.line.name },
    { key: 'dispatched', title: t('dashboard.dispatched'), align: 'right', render: (_: unknown, row) => count(row.dispatched) },
    { key: 'responseRate', title: t('dashboard.responseRate'), align: 'right', render: (_: unknown, row) => formatRate(t, row.responseRate) },
    { key: 'resolutionRate', title: t('dashboard.resolutionRate'), align: 'right', render: (_: unknown, row) => formatRate(t, row.resolutionRate) },
    { key: 'satisfactionRate', title: t('dashboard.satisfactionRate'), align: 'right', render: (_: unknown, row) => formatRate(t, row.satisfactionRate) },
    { key: 'overdue', title: t('dashboard.overdue'), align: 'right', render: (_: unknown, row) => count(row.overdue) },
  ];
  return (
    <>
      {failed && <LoadError error={failed.error} title={t('desk.figuresLoadFailed')} onRetry={() => void failed.refetch()} />}
      <Table<Row>
        data-testid="desk-figures"
        rowKey={(row) => row.line.id}
        size="small"
        pagination={false}
        columns={columns}
        dataSource={rows}
        loading={results.some((r) => r.isLoading)}
        scroll={{ x: 'max-content' }}
      />
    </>
  );
}
