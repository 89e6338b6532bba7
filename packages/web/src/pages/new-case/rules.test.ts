import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { chineseT } from '../../i18n/test-instance';
import { checkIntakeField, intakeFieldOfPath } from './rules';

describe('checkIntakeField', () => {
  let t: TFunction;
  beforeAll(async () => {
    t = await chineseT();
  });

  it('requires a valid phone number', () => {
    expect(checkIntakeField(t, 'callerPhone', '')).toBe('请输入联系电话');
    expect(checkIntakeField(t, 'callerPhone', '123')).toMatch(/有效/);
    expect(checkIntakeField(t, 'callerPhone', '13800138000')).toBeNull();
  });

  it('asks for enough content, as the server does', () => {
    expect(checkIntakeField(t, 'content', '路灯坏')).toBe('诉求内容请至少填写 5 个字');
    expect(checkIntakeField(t, 'content', '小区路灯坏了一个月')).toBeNull();
  });

  it('lets the name and address be left out but not be too long', () => {
    expect(checkIntakeField(t, 'callerName', '')).toBeNull();
    expect(checkIntakeField(t, 'callerName', '张'.repeat(51))).toBe('姓名不能超过 50 个字');
    expect(checkIntakeField(t, 'address', '')).toBeNull();
  });
});

describe('checkIntakeField for the ID number', () => {
  let t: TFunction;
  beforeAll(async () => {
    t = await chineseT();
  });

  it('is optional unless the line is SMS-only, and must pass its check digit', () => {
    expect(checkIntakeField(t, 'callerIdNumber', '')).toBeNull();
    expect(checkIntakeField(t, 'callerIdNumber', '', true)).toMatch(/短信专线/);
    // The GB 11643 example number, and the same with its check digit changed.
    expect(checkIntakeField(t, 'callerIdNumber', '11010519491231002X')).toBeNull();
    expect(checkIntakeField(t, 'callerIdNumber', '110105194912310021')).toMatch(/有误/);
  });
});

describe('intakeFieldOfPath', () => {
  it('finds the field in any path form', () => {
    expect(intakeFieldOfPath('body.callerPhone')).toBe('callerPhone');
    expect(intakeFieldOfPath(['body', 'type'])).toBe('type');
    expect(intakeFieldOfPath('nonsense')).toBeNull();
  });
});
