import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, CASE_TYPES, CHANNELS, ROLES, URGENCIES } from '@openline/core';
import { en } from './en';
import { zhCN } from './zh-CN';

// The typecheck already forces en to have zh-CN's shape; these tests tie both to core's codes,
// so a status or channel added in core without a translation fails here rather than on screen.
describe('messages cover every domain code', () => {
  it.each([
    ['status', CASE_STATUSES],
    ['statusForCitizen', CASE_STATUSES],
    ['channel', CHANNELS],
    ['caseType', CASE_TYPES],
    ['urgency', URGENCIES],
    ['roles', ROLES],
  ] as const)('%s', (group, codes) => {
    for (const messages of [zhCN, en]) {
      expect(Object.keys(messages[group]).sort()).toEqual([...codes].sort());
    }
  });

  it('has no empty strings', () => {
    const walk = (value: unknown, path: string): void => {
      if (typeof value === 'string') expect(value.trim(), path).not.toBe('');
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
    };
    walk(zhCN, 'zh-CN');
    walk(en, 'en');
  });
});
