import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { chineseT } from '../i18n/test-instance';
import { formatDuration, splitDuration } from './duration';

const MIN = 60_000;

describe('splitDuration', () => {
  it('rounds up to the minute so a running deadline never shows zero', () => {
    expect(splitDuration(1_000)).toEqual({ d: 0, h: 0, m: 1 });
  });

  it('splits days, hours and minutes', () => {
    expect(splitDuration((26 * 60 + 5) * MIN)).toEqual({ d: 1, h: 2, m: 5 });
  });

  it('measures overdue (negative) spans by their size', () => {
    expect(splitDuration(-90 * MIN)).toEqual({ d: 0, h: 1, m: 30 });
  });
});

describe('formatDuration', () => {
  let t: TFunction;
  beforeAll(async () => {
    t = await chineseT();
  });

  it('shows the two largest units', () => {
    expect(formatDuration(t, (49 * 60 + 30) * MIN)).toBe('2天1小时');
    expect(formatDuration(t, 125 * MIN)).toBe('2小时5分');
    expect(formatDuration(t, 7 * MIN)).toBe('7分钟');
  });
});
