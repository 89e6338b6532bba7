import { Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Figures } from '../../api/figures';
import { compareRates, formatRate } from '../../lib/rates';

export interface FiguresRow {
  key: string;
  name: string;
  /** A second line under the name (a line's number and owner). */
  detail?: string;
  figures: Figures;
}

type RateKey = 'responseRate' | 'resolutionRate' | 'satisfactionRate' | 'returnRate' | 'answerRate';
const RATES: RateKey[] = ['responseRate', 'resolutionRate', 'satisfactionRate', 'returnRate'];

/** One responsiveness table (in the spirit of WriteToThem's): every column sorts. */
export function FiguresTable({ rows, nameTitle, testId }: { rows: FiguresRow[]; nameTitle: string; testId: string }) {
  const { t } = useTranslation();
  const noData = t('publicFigures.noData');
  // 接通率 only where call records back it (the lines and the trend once a phone system reports
  // calls; never the units, whose public figures carry none): ADR 0021.
  const rates: RateKey[] = rows.some((r) => r.figures.callData) ? [...RATES, 'answerRate'] : RATES;
  const columns: ColumnsType<FiguresRow> = [
    {
      title: nameTitle,
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (_v, row) => (
        <span>
          <span className="figures__name">{row.name}</span>
          {row.detail && <div className="figures__detail">{row.detail}</div>}
        </span>
      ),
    },
    { title: t('publicFigures.dispatched'), align: 'right', sorter: (a, b) => a.figures.dispatched - b.figures.dispatched, render: (_v, row) => row.figures.dispatched },
    ...rates.map((key) => ({
      title: t(`publicFigures.${key}`),
      key,
      align: 'right' as const,
      sorter: (a: FiguresRow, b: FiguresRow) => compareRates(a.figures[key], b.figures[key]),
      render: (_v: unknown, row: FiguresRow) => (
        <span data-rate={key}>
          {row.figures[key] === null ? <Tooltip title={t('publicFigures.noDataHint')}>{noData}</Tooltip> : formatRate(row.figures[key], noData)}
        </span>
      ),
    })),
    { title: t('publicFigures.overdue'), align: 'right', sorter: (a, b) => a.figures.overdue - b.figures.overdue, render: (_v, row) => row.figures.overdue },
  ];
  return (
    <Table<FiguresRow>
      data-testid={testId}
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: true }}
      locale={{ emptyText: t('publicFigures.empty') }}
      onRow={(row) => ({ 'data-name': row.name }) as React.HTMLAttributes<HTMLElement>}
    />
  );
}
