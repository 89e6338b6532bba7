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

/** Horizontal bars for a ranking or a breakdown: the first category on top. */
export function BarChart({ title, data, drill, testId }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const option = useMemo<ChartOption>(() => {
    const rate = data.series.some((s) => s.kind === 'rate');
    return {
      aria: { enabled: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params) => {
          const list = Array.isArray(params) ? params : [params];
          const index = list[0]?.dataIndex ?? 0;
          const head = data.categories[index]?.label ?? '';
          return [head, ...data.series.map((s) => `${s.name}: ${formatValue(t, s.kind, s.values[index] ?? null)}`)].join('<br/>');
        },
      },
      legend: data.series.length > 1 ? { top: 0 } : { show: false },
      grid: { left: 8, right: 24, top: data.series.length > 1 ? 32 : 8, bottom: 8, containLabel: true },
      xAxis: rate ? { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } } : { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: data.categories.map((c) => c.label) },
      series: data.series.map((s) => ({ type: 'bar' as const, name: s.name, data: s.values.map((v) => plotValue(s.kind, v)) })),
    };
  }, [data, t]);
  const onPick = drill
    ? ({ seriesIndex, dataIndex }: { seriesIndex: number; dataIndex: number }) => {
        const series = data.series[seriesIndex];
        const href = series ? drill(series, dataIndex) : null;
        if (href) void navigate(href);
      }
    : undefined;
  const height = Math.max(160, 28 * data.categories.length + 48);
  return (
    <ChartCard title={title} data={data} drill={drill} testId={testId} empty={data.categories.length === 0}>
      <EChart option={option} label={title} height={height} onPick={onPick} />
    </ChartCard>
  );
}
