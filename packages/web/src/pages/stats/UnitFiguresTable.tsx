import type { FigureFact } from '@openline/core';
import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FigureRow, Period } from '../../api/stats';
import { formatRate } from '../../components/charts/format';
import { figureHref } from '../../lib/figureFilter';

type CountKey =
  | 'dispatched' | 'returns' | 'responseDue' | 'respondedOnTime' | 'visits' | 'solved' | 'satisfied' | 'overdue'
  | 'closures' | 'closedOnTime' | 'reopened' | 'extensions' | 'supervisionNotices';
type RateKey = 'returnRate' | 'responseRate' | 'resolutionRate' | 'satisfactionRate' | 'onTimeClosureRate' | 'reopenRate';

const COLUMNS: Array<CountKey | RateKey> = [
  'dispatched', 'returns', 'returnRate', 'responseDue', 'respondedOnTime', 'responseRate',
  'visits', 'solved', 'resolutionRate', 'satisfied', 'satisfactionRate', 'overdue',
  'closures', 'closedOnTime', 'onTimeClosureRate', 'reopened', 'reopenRate', 'extensions', 'supervisionNotices',
];
const isRate = (key: CountKey | RateKey): key is RateKey => key.endsWith('Rate');

/** Each unit's own figures; every non-zero count links to the cases behind it. */
export function UnitFiguresTable({ units, period }: { units: FigureRow[]; period: Period }) {
  const { t } = useTranslation();
  const columns: ColumnsType<FigureRow> = [
    { key: 'unit', title: t('dashboard.unit'), dataIndex: 'label', fixed: 'left' },
    ...COLUMNS.map((key) => ({
      key,
      title: t(`dashboard.${key}`),
      align: 'right' as const,
      render: (_: unknown, row: FigureRow) => {
        if (isRate(key)) return formatRate(t, row[key]);
        const value = row[key];
        if (value === 0) return value;
        const fact: FigureFact = key;
        return (
          <Link to={figureHref({ fact, ...period, unitId: row.key })} data-testid={`unit-${key}-${row.key}`}>
            {value}
          </Link>
        );
      },
    })),
  ];
  return <Table<FigureRow> size="small" rowKey="key" columns={columns} dataSource={units} pagination={false} scroll={{ x: 'max-content' }} data-testid="unit-figures" />;
}
