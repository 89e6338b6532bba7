import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ChartCard } from './ChartCard';
import { EChart } from './EChart';
import type { ChartOption } from './echarts';
import { formatValue } from './format';
import type { ChartData, DrillHref } from './types';

interface Props {
  title: string;
  /** The first series is drawn; its values are counts (a mix of rates makes no donut). */
  data: ChartData;
  drill?: DrillHref;
  testId?: string;
}

/** A mix (channels, case types): each slice a category's share of the first series. */
export function DonutChart({ title, data, drill, testId }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const series = data.series[0];
  const option = useMemo<ChartOption>(
    () => ({
      aria: { enabled: true },
      tooltip: {
        trigger: 'item',
        formatter: (params) => {
          const p = Array.isArray(params) ? params[0] : params;
          const index = p?.dataIndex ?? 0;
          return `${data.categories[index]?.label ?? ''}: ${formatValue(t, 'count', series?.values[index] ?? null)} (${p?.percent ?? 0}%)`;
        },
      },
      legend: { bottom: 0, type: 'scroll' },
      series: [
        {
          type: 'pie',
          name: series?.name ?? title,
          radius: ['45%', '70%'],
          center: ['50%', '45%'],
          label: { formatter: '{b}\n{d}%' },
          data: data.categories.map((c, i) => ({ name: c.label, value: series?.values[i] ?? 0 })),
        },
      ],
    }),
    [data, series, t, title],
  );
  const onPick = drill && series
    ? ({ dataIndex }: { dataIndex: number }) => {
        const href = drill(series, dataIndex);
        if (href) void navigate(href);
      }
    : undefined;
  const empty = !series || series.values.every((v) => !v);
  return (
    <ChartCard title={title} data={data} drill={drill} testId={testId} empty={empty}>
      <EChart option={option} label={title} onPick={onPick} />
    </ChartCard>
  );
}
