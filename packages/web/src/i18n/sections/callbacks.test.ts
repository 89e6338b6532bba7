import { describe, expect, it } from 'vitest';
import { CALLBACK_ATTEMPT_RESULTS, CALLBACK_OUTCOMES, CALLBACK_REASONS } from '@openline/core';
import { callbacksEn } from './callbacks.en';
import { callbacksZhCN } from './callbacks.zh-CN';

// A reason, outcome or try result added in core without words would show a raw code on the queue.
describe('callback labels cover every core code', () => {
  it.each([
    ['reasons', CALLBACK_REASONS],
    ['outcomes', CALLBACK_OUTCOMES],
    ['results', CALLBACK_ATTEMPT_RESULTS],
  ] as const)('%s', (group, codes) => {
    for (const messages of [callbacksZhCN, callbacksEn]) {
      const labels = messages.callbacks[group] as Record<string, string>;
      expect(Object.keys(labels).sort()).toEqual([...codes].sort());
      for (const code of codes) expect(labels[code]?.length ?? 0).toBeGreaterThan(0);
    }
  });
});
