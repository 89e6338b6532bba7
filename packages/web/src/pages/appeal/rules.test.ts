import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { chineseT } from '../../i18n/test-instance';
import { checkAppealField, fieldOfPath } from './rules';

let t: TFunction;
beforeAll(async () => {
  t = await chineseT();
});

describe('checkAppealField', () => {
  it('accepts a complete appeal', () => {
    expect(checkAppealField(t, 'name', '张三')).toBeNull();
    expect(checkAppealField(t, 'phone', '138 1234 5678')).toBeNull();
    expect(checkAppealField(t, 'phone', '010-12345678')).toBeNull();
    expect(checkAppealField(t, 'content', '小区路灯坏了')).toBeNull();
    expect(checkAppealField(t, 'address', '')).toBeNull();
  });

  it('asks for what is missing', () => {
    expect(checkAppealField(t, 'name', '   ')).toBe('请输入姓名');
    expect(checkAppealField(t, 'phone', undefined)).toBe('请输入联系电话');
  });

  it('rejects a phone number core would reject', () => {
    expect(checkAppealField(t, 'phone', '12345')).toBe('请输入有效的手机号码或固定电话（固定电话请加区号）');
  });

  it('reports the limits of the shared schema', () => {
    expect(checkAppealField(t, 'content', ' 太短 ')).toBe('诉求内容请至少填写 5 个字');
    expect(checkAppealField(t, 'name', '名'.repeat(51))).toBe('姓名不能超过 50 个字');
    expect(checkAppealField(t, 'address', '路'.repeat(201))).toBe('地址不能超过 200 个字');
  });
});

describe('fieldOfPath', () => {
  it.each([
    ['phone', 'phone'],
    ['body.content', 'content'],
    [['body', 'address'], 'address'],
    ['somethingElse', null],
  ] as const)('%j → %s', (path, field) => {
    expect(fieldOfPath(typeof path === 'string' ? path : [...path])).toBe(field);
  });
});
