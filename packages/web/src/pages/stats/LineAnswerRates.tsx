import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { getLineCalls, type LineCallFigures } from '../../api/coldLines';
import type { Period } from '../../api/stats';
import { LoadError } from '../../components/LoadError';
import { TimeSeriesChart } from '../../components/charts/TimeSeriesChart';
import type { ChartData } from '../../components/charts/types';

/** More lines than this make a tangle of lines: the busiest are drawn, the rest stay in the total. */
const MAX_LINES = 8;

/**
 * 接通率 per line over the period's days (issue 10 §4, DESIGN §6): answered (callbacks within 1 h
 * included) ÷ offered, per day, for the lines of the caller's scope, with all of them together.
 * A day without calls is a gap, not 0 % (ADR 0017). From `GET /stats/line-calls` (the day rollup).
 */
export function LineAnswerRates({ period }: { period: Period }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['stats', 'line-calls', period.from, period.to],
    queryFn: ({ signal }) => getLineCalls({ ...period, by: 'day' }, signal),
  });
  const data = useMemo(() => (query.data ? answerRateChart(t, query.data.items) : null), [query.data, t]);
  return (
    <section className="stats-line-rates" data-testid="stats-line-rates">
      <LoadError error={query.error} onRetry={() => void query.refetch()} />
      {data && (
        <>
          <TimeSeriesChart title={t('lineRates.title')} data={data} testId="chart-answer-rate" />
          <Typography.Text type="secondary">{t('lineRates.hint')}</Typography.Text>
        </>
      )}
    </section>
  );
}

const rateOf = (answered: number, offered: number): number | null => (offered === 0 ? null : answered / offered);

/** Days as categories; one rate series for all lines together, then one per line (busiest first). */
export function answerRateChart(t: TFunction, items: readonly LineCallFigures[]): ChartData {
  const days = items[0]?.periods.map((p) => p.period) ?? [];
  const busiest = items.filter((l) => l.total.offered > 0).sort((a, b) => b.total.offered - a.total.offered).slice(0, MAX_LINES);
  const sum = (i: number, key: 'answered' | 'offered') => items.reduce((acc, l) => acc + (l.periods[i]?.[key] ?? 0), 0);
  return {
    categories: days.map((d) => ({ key: d, label: d.slice(5) })),
    series: [
      { key: 'all', name: t('lineRates.allLines'), kind: 'rate', plot: 'line', values: days.map((_, i) => rateOf(sum(i, 'answered'), sum(i, 'offered'))) },
      ...busiest.map((l) => ({ key: l.lineId, name: l.name, kind: 'rate' as const, plot: 'line' as const, values: l.periods.map((p) => p.answerRate) })),
    ],
  };
}
