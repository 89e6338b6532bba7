import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';
import { chineseT } from '../i18n/test-instance';
import { describeDetail, describeError } from './errors';

let t: TFunction;
beforeAll(async () => {
  t = await chineseT();
});

describe('describeError', () => {
  it('translates codes it knows', () => {
    expect(describeError(t, new ApiError(401, 'INVALID_CREDENTIALS', 'Invalid credentials'))).toBe('用户名或密码错误。');
  });

  it('says how long to wait when the server tells us', () => {
    expect(describeError(t, new ApiError(429, 'TOO_MANY_ATTEMPTS', 'x', [], 90))).toBe('登录失败次数过多，请 2 分钟后再试。');
    expect(describeError(t, new ApiError(429, 'TOO_MANY_REQUESTS', 'x', [], 600))).toBe('提交或查询过于频繁，请 10 分钟后再试。');
    expect(describeError(t, new ApiError(429, 'TOO_MANY_REQUESTS', 'x'))).toBe('提交或查询过于频繁，请稍后再试。');
  });

  it("falls back to the server's message for codes it does not know", () => {
    expect(describeError(t, new ApiError(409, 'CASE_ALREADY_CLOSED', '工单已办结'))).toBe('工单已办结');
  });

  it('does not treat message-table keys as codes', () => {
    expect(describeError(t, new ApiError(418, 'generic', ''))).toBe('操作失败（错误码 418），请稍后再试。');
  });

  it('never shows 5xx internals', () => {
    expect(describeError(t, new ApiError(500, 'HTTP_500', 'stack trace here'))).toBe('系统繁忙，请稍后再试。');
  });

  it('handles errors that are not from the API', () => {
    expect(describeError(t, new Error('boom'))).toBe('系统繁忙，请稍后再试。');
  });
});

describe('describeDetail', () => {
  it('says a field problem in the user\'s words from the issue code, not the server\'s English', () => {
    const detail = { path: 'content', message: 'Too small: expected string to have >=5 characters', issue: 'too_small', limit: 5, origin: 'string' };
    expect(describeDetail(t, detail)).toBe('至少填写 5 个字');
    expect(describeDetail(t, { path: 'phone', message: 'Invalid string', issue: 'invalid_format' })).toBe('格式不正确');
    expect(describeDetail(t, { path: 'leadUnitId', message: 'unit not found' }, 'REFERENCE_NOT_FOUND')).toBe('所选项目不存在或已停用');
    expect(describeDetail(t, { path: 'x', message: 'custom English sentence', issue: 'custom' })).toBe('此项填写不正确');
  });
});
