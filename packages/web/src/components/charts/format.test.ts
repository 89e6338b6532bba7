import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { formatRate, formatValue, plotValue } from './format';

const t = ((key: string) => (key === 'charts.noData' ? '暂无' : key)) as unknown as TFunction;

describe('chart numbers', () => {
  it('shows rates as per cent and a rate without a denominator as no data, never 0', () => {
    expect(formatRate(t, 2 / 3)).toBe('66.7%');
    expect(formatRate(t, 0)).toBe('0.0%');
    expect(formatRate(t, 1)).toBe('100.0%');
    expect(formatRate(t, null)).toBe('暂无');
    expect(formatValue(t, 'count', 1234)).toBe('1,234');
    expect(formatValue(t, 'rate', null)).toBe('暂无');
  });

  it('plots a null rate as a gap', () => {
    expect(plotValue('rate', null)).toBe('-');
    expect(plotValue('rate', 0.875)).toBe(87.5);
    expect(plotValue('count', 0)).toBe(0);
  });
});
