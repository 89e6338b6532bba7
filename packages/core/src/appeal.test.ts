import { describe, expect, it } from 'vitest';
import { publicAppealInput } from './appeal.js';
import { CASE_STATUSES, isOpenStatus, statusCategory } from './case-status.js';

describe('public appeal input', () => {
  it('trims and accepts a complete appeal', () => {
    const parsed = publicAppealInput.parse({ name: ' 张三 ', phone: '13812345678', content: '  路灯坏了一周。 ' });
    expect(parsed).toEqual({ name: '张三', phone: '13812345678', content: '路灯坏了一周。' });
  });
  it('names each bad field', () => {
    const result = publicAppealInput.safeParse({ name: '', phone: '1', content: 'x' });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'phone', 'content']));
  });
});

describe('case status categories', () => {
  it('give every status a category and tell open from finished', () => {
    for (const s of CASE_STATUSES) expect(statusCategory(s)).toBeTruthy();
    expect(isOpenStatus('received')).toBe(true);
    expect(isOpenStatus('replied')).toBe(true);
    expect(isOpenStatus('closed')).toBe(false);
    expect(isOpenStatus('merged')).toBe(false);
  });
});
