import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatValue } from './format';
import type { ChartData, DrillHref } from './types';

interface ChartCardProps {
  title: string;
  data: ChartData;
  drill?: DrillHref | undefined;
  /** The drawing; given the card's title id so it can be labelled by it. */
  children: ReactNode;
  testId?: string;
  empty?: boolean;
}

type Row = { key: string; label: string; index: number };

/**
 * A chart with its title and the same numbers as a table (for screen readers, for copying, and
 * for keyboard users: each count in it links to the cases behind it, as a click on the chart does).
 */
export function ChartCard({ title, data, drill, children, testId, empty }: ChartCardProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const rows: Row[] = data.categories.map((c, index) => ({ key: c.key, label: c.label, index }));
  const columns: ColumnsType<Row> = [
    { key: 'label', title: '', dataIndex: 'label' },
    ...data.series.map((s) => ({
      key: s.key,
      title: s.name,
      align: 'right' as const,
      render: (_: unknown, row: Row) => {
        const text = formatValue(t, s.kind, s.values[row.index] ?? null);
        const href = drill?.(s, row.index) ?? null;
        return href ? <Link to={href}>{text}</Link> : text;
      },
    })),
  ];
  return (
    <section className="chart-card" aria-labelledby={titleId} data-testid={testId}>
      <Typography.Title level={2} id={titleId} className="chart-card__title">
        {title}
      </Typography.Title>
      {empty ? <Typography.Text type="secondary">{t('charts.empty')}</Typography.Text> : children}
      <details className="chart-card__data">
        <summary>{t('charts.showTable')}</summary>
        <Table<Row> size="small" pagination={false} rowKey="key" columns={columns} dataSource={rows} />
      </details>
    </section>
  );
}
