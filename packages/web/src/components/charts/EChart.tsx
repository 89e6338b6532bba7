import { useEffect, useLayoutEffect, useRef } from 'react';
import { init, type ChartOption, type EChartsType } from './echarts';

export interface ChartPick {
  seriesIndex: number;
  dataIndex: number;
}

interface EChartProps {
  option: ChartOption;
  /** Read out instead of the drawing; the numbers themselves are in the table beside it. */
  label: string;
  height?: number;
  onPick?: (pick: ChartPick) => void;
  testId?: string;
}

/**
 * A thin wrapper instead of echarts-for-react: one chart instance per mount, options replaced
 * on change, resized with its box (ResizeObserver), disposed on unmount.
 */
export function EChart({ option, label, height = 280, onPick, testId }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  // The latest handler, so a new closure on each render does not rebind the chart's events.
  const pick = useRef(onPick);
  useLayoutEffect(() => {
    pick.current = onPick;
  });

  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const instance = init(element, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => {
      if (typeof params.dataIndex === 'number') pick.current?.({ seriesIndex: params.seriesIndex ?? 0, dataIndex: params.dataIndex });
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} role="img" aria-label={label} className="chart" style={{ height }} data-testid={testId} />;
}
