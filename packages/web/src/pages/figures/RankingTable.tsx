import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { RankedUnit } from '../../api/figures';

/** The month's composite ranking (h/ranking, ADR 0014); unranked units follow the ranked ones. */
export function RankingTable({ items }: { items: RankedUnit[] }) {
  const { t } = useTranslation();
  const rows = [...items].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unitName.localeCompare(b.unitName, 'zh-CN'));
  const columns: ColumnsType<RankedUnit> = [
    { title: t('publicFigures.rank'), key: 'rank', width: 80, render: (_v, r) => r.rank ?? <Typography.Text type="secondary">{t('publicFigures.unranked')}</Typography.Text> },
    { title: t('publicFigures.unit'), dataIndex: 'unitName' },
    { title: t('publicFigures.score'), key: 'score', align: 'right', render: (_v, r) => (r.score === null ? t('publicFigures.noData') : r.score.toFixed(1)) },
    { title: t('publicFigures.dispatched'), dataIndex: 'volume', align: 'right' },
    {
      title: t('publicFigures.change'),
      key: 'change',
      align: 'right',
      render: (_v, r) => (r.change === null ? '—' : r.change > 0 ? `↑${r.change}` : r.change < 0 ? `↓${-r.change}` : '='),
    },
  ];
  return <Table<RankedUnit> data-testid="figures-ranking" size="small" rowKey="unitId" columns={columns} dataSource={rows} pagination={false} scroll={{ x: true }} />;
}
