import { describe, expect, it } from 'vitest';
import { compareRates, formatAnswerRate, formatRate } from './rates';

describe('rates on screen', () => {
  it('shows one decimal and never turns null into 0 %', () => {
    expect(formatRate(2 / 3, '暂无')).toBe('66.7%');
    expect(formatRate(1, '暂无')).toBe('100.0%');
    expect(formatRate(0, '暂无')).toBe('0.0%');
    expect(formatRate(null, '暂无')).toBe('暂无');
  });
  it('shows an answer rate whole when whole, never rounded up to a threshold it missed', () => {
    expect(formatAnswerRate(0.82)).toBe('82%');
    expect(formatAnswerRate(0.95)).toBe('95%');
    expect(formatAnswerRate(1)).toBe('100%');
    expect(formatAnswerRate(0.9496)).toBe('94.9%');
    expect(formatAnswerRate(19 / 21)).toBe('90.4%');
  });
  it('orders null below every rate', () => {
    expect([0.5, null, 0, 1].sort(compareRates)).toEqual([null, 0, 0.5, 1]);
  });
});
