import { Flex, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getFigures, type FigureRow, type Period } from '../../api/stats';
import { CategorySelect } from '../../components/CategorySelect';
import { LoadError } from '../../components/LoadError';
import { BarChart } from '../../components/charts/BarChart';
import type { ChartData, DrillHref } from '../../components/charts/types';
import { figureHref } from '../../lib/figureFilter';

/**
 * 诉求分类分布 (issue 12 §6): dispatches by top-level category, or by the sub-categories of the
 * one chosen; each bar leads to its cases. The server sums the figures' cells by category (ADR 0026).
 */
export function CategoryFigures({ period }: { period: Period }) {
  const { t } = useTranslation();
  const [parentId, setParentId] = useState<string | null>(null);
  const figures = useQuery({
    queryKey: ['stats', 'figures', 'category', period.from, period.to, parentId],
    queryFn: ({ signal }) => getFigures({ ...period, by: 'category', ...(parentId ? { categoryId: parentId } : {}) }, signal),
  });
  const chart = figures.data ? categoryChart(t, figures.data.items, period) : null;

  return (
    <section className="stats-categories" data-testid="stats-categories">
      <Flex justify="space-between" align="center" gap="small" wrap>
        <Typography.Text type="secondary">{t('categories.byCategoryHint')}</Typography.Text>
        <div style={{ minWidth: 220 }}>
          <CategorySelect includeRetired value={parentId} onChange={setParentId} placeholder={t('categories.byCategoryBack')} data-testid="stats-category-parent" />
        </div>
      </Flex>
      <LoadError error={figures.error} onRetry={() => void figures.refetch()} />
      {chart && <BarChart title={t('categories.byCategory')} data={chart.data} drill={chart.drill} testId="chart-categories" />}
    </section>
  );
}

/** Categories with dispatches, most first (at most 15); '' is the cases without a category. */
export function categoryChart(t: TFunction, items: readonly FigureRow[], period: Period): { data: ChartData; drill: DrillHref } {
  const rows = items.filter((r) => r.dispatched > 0).sort((a, b) => b.dispatched - a.dispatched).slice(0, 15);
  const label = (r: FigureRow) => (r.key === '' ? t('categories.uncategorised') : r.label);
  return {
    data: { categories: rows.map((r) => ({ key: r.key, label: label(r) })), series: [{ key: 'dispatched', name: t('dashboard.dispatched'), kind: 'count', values: rows.map((r) => r.dispatched), plot: 'bar' }] },
    drill: (_, index) => {
      const row = rows[index];
      // Cases without a category have no filter of their own.
      if (!row || row.key === '') return null;
      return `${figureHref({ fact: 'dispatched', ...period })}&categoryId=${encodeURIComponent(row.key)}`;
    },
  };
}
