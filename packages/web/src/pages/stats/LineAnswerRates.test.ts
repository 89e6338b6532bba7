import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LineCallFigures } from '../../api/coldLines';
import { chineseT } from '../../i18n/test-instance';
import { answerRateChart } from './LineAnswerRates';

const day = (period: string, offered: number, answered: number) => ({
  period, offered, answered, pickedUp: answered, calledBack: 0, missed: offered - answered, answeredWithin15s: answered,
  answerRate: offered === 0 ? null : answered / offered, answeredWithin15sRate: offered === 0 ? null : answered / offered,
});
const line = (lineId: string, name: string, periods: ReturnType<typeof day>[]): LineCallFigures => {
  const offered = periods.reduce((a, p) => a + p.offered, 0);
  const answered = periods.reduce((a, p) => a + p.answered, 0);
  return { lineId, number: '0000', name, ownerTitle: '', total: day('', offered, answered), periods };
};

describe('answerRateChart (接通率 per line over days)', () => {
  let t: TFunction;
  beforeAll(async () => {
    t = await chineseT();
  });
  it('draws all lines together and each line, a day without calls as a gap (not 0 %)', () => {
    const data = answerRateChart(t, [
      line('a', '市长热线', [day('2026-12-01', 10, 9), day('2026-12-02', 0, 0)]),
      line('b', '区长热线', [day('2026-12-01', 10, 5), day('2026-12-02', 4, 4)]),
    ]);
    expect(data.categories).toEqual([{ key: '2026-12-01', label: '12-01' }, { key: '2026-12-02', label: '12-02' }]);
    // The busiest line first.
    expect(data.series.map((s) => s.name)).toEqual(['全部线路', '区长热线', '市长热线']);
    expect(data.series[0]?.values).toEqual([0.7, 1]);
    expect(data.series[2]?.values).toEqual([0.9, null]);
    expect(data.series.every((s) => s.kind === 'rate')).toBe(true);
  });

  it('leaves out lines that had no calls, and draws at most the 8 busiest', () => {
    const many = Array.from({ length: 10 }, (_, i) => line(`l${i}`, `线路${i}`, [day('2026-12-01', i, 0)]));
    const data = answerRateChart(t, many);
    expect(data.series).toHaveLength(1 + 8);
    expect(data.series[1]?.name).toBe('线路9');
    expect(data.series.some((s) => s.name === '线路0')).toBe(false);
  });
});
