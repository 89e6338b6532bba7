import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ChartCard } from './ChartCard';
import { EChart } from './EChart';
import type { ChartOption } from './echarts';
import { formatValue, plotValue } from './format';
import type { ChartData, DrillHref } from './types';

interface Props {
  title: string;
  data: ChartData;
  drill?: DrillHref;
  testId?: string;
}

/** Counts as bars on the left axis, rates as lines in per cent on the right, over days or weeks. */
export function TimeSeriesChart({ title, data, drill, testId }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const option = useMemo<ChartOption>(
    () => ({
      aria: { enabled: true },
      tooltip: {
        trigger: 'axis',
        valueFormatter: undefined,
        formatter: (params) => {
          const list = Array.isArray(params) ? params : [params];
          const index = list[0]?.dataIndex ?? 0;
          const head = data.categories[index]?.label ?? '';
          const lines = data.series.map((s) => `${s.name}: ${formatValue(t, s.kind, s.values[index] ?? null)}`);
          return [head, ...lines].join('<br/>');
        },
      },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: data.categories.map((c) => c.label) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: data.series.map((s) =>
        s.kind === 'rate' || s.plot === 'line'
          ? { type: 'line' as const, name: s.name, yAxisIndex: s.kind === 'rate' ? 1 : 0, connectNulls: false, data: s.values.map((v) => plotValue(s.kind, v)) }
          : { type: 'bar' as const, name: s.name, yAxisIndex: 0, data: s.values.map((v) => plotValue(s.kind, v)) },
      ),
    }),
    [data, t],
  );
  const onPick = drill
    ? ({ seriesIndex, dataIndex }: { seriesIndex: number; dataIndex: number }) => {
        const series = data.series[seriesIndex];
        const href = series ? drill(series, dataIndex) : null;
        if (href) void navigate(href);
      }
    : undefined;
  return (
    <ChartCard title={title} data={data} drill={drill} testId={testId} empty={data.categories.length === 0}>
      <EChart option={option} label={title} onPick={onPick} />
    </ChartCard>
  );
}
