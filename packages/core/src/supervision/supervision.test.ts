import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '../case-status.js';
import {
  allowedSupervisionActs,
  checkOrderAnswer,
  checkOrderClose,
  checkSupervisionAct,
  defaultEscalationSettings,
  escalationAddressee,
  nextTier,
  orderInput,
  SUPERVISED_STATUSES,
  type TreeUnit,
} from './index.js';

describe('urge and order (催办, 督办)', () => {
  it.each(CASE_STATUSES)('a supervisor may act on a %s case only while a unit holds it', (status) => {
    const expected = SUPERVISED_STATUSES.includes(status);
    expect(checkSupervisionAct('urge', ['supervisor'], status).ok).toBe(expected);
    expect(checkSupervisionAct('order', ['supervisor'], status).ok).toBe(expected);
    if (!expected) expect(checkSupervisionAct('urge', ['supervisor'], status)).toMatchObject({ code: 'NOT_SUPERVISED' });
  });
  it.each(['operator', 'handler', 'official', 'admin'] as const)('a %s may not', (role) => {
    expect(checkSupervisionAct('order', [role], 'in_progress')).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' });
    expect(allowedSupervisionActs([role], 'in_progress')).toEqual([]);
  });
  it('offers both acts to a supervisor on an overdue case', () => {
    expect(allowedSupervisionActs(['operator', 'supervisor'], 'accepted')).toEqual(['urge', 'order']);
  });
  it('an order gives the unit 1 to 15 working days and says what to do', () => {
    expect(orderInput.safeParse({ instruction: '请于期限内办结并书面报告', replyWorkingDays: 3 }).success).toBe(true);
    for (const days of [0, 16, 1.5]) expect(orderInput.safeParse({ instruction: 'x', replyWorkingDays: days }).success).toBe(false);
    expect(orderInput.safeParse({ instruction: '  ', replyWorkingDays: 3 }).success).toBe(false);
  });
});

describe('the order model', () => {
  const unitHandler = { roles: ['handler'] as const, inAddressedUnit: true };
  const elsewhere = { roles: ['handler'] as const, inAddressedUnit: false };
  const citySupervisor = { roles: ['supervisor'] as const, inAddressedUnit: false };
  const unitSupervisor = { roles: ['supervisor'] as const, inAddressedUnit: true };

  it('the addressed unit answers an open order, once', () => {
    expect(checkOrderAnswer('open', unitHandler)).toEqual({ ok: true });
    expect(checkOrderAnswer('open', unitSupervisor)).toEqual({ ok: true });
    expect(checkOrderAnswer('answered', unitHandler)).toMatchObject({ code: 'ORDER_NOT_OPEN' });
    expect(checkOrderAnswer('open', elsewhere)).toMatchObject({ code: 'NOT_ADDRESSED_UNIT' });
    expect(checkOrderAnswer('open', citySupervisor)).toMatchObject({ code: 'NOT_ADDRESSED_UNIT' });
  });
  it('a supervisor outside the unit closes it once answered', () => {
    expect(checkOrderClose('answered', citySupervisor)).toEqual({ ok: true });
    expect(checkOrderClose('open', citySupervisor)).toMatchObject({ code: 'ORDER_NOT_ANSWERED' });
    expect(checkOrderClose('closed', citySupervisor)).toMatchObject({ code: 'ORDER_NOT_OPEN' });
    expect(checkOrderClose('answered', unitSupervisor)).toMatchObject({ code: 'FORBIDDEN_ROLE' });
    expect(checkOrderClose('answered', unitHandler)).toMatchObject({ code: 'FORBIDDEN_ROLE' });
  });
});

describe('tiered escalation', () => {
  const settings = defaultEscalationSettings();
  it('climbs unit → leadership → city, then stops', () => {
    expect(nextTier(0, settings)).toEqual({ tier: 'unit', level: 1, waitAfter: settings.leadership });
    expect(nextTier(1, settings)).toEqual({ tier: 'leadership', level: 2, waitAfter: settings.city });
    expect(nextTier(2, settings)).toEqual({ tier: 'city', level: 3, waitAfter: null });
    expect(nextTier(3, settings)).toBeNull();
  });

  const root: TreeUnit = { id: 'city', parentId: null, kind: 'city' };
  const centre: TreeUnit = { id: 'centre', parentId: 'city', kind: 'centre' };
  const bureau: TreeUnit = { id: 'bureau', parentId: 'city', kind: 'department' };
  const section: TreeUnit = { id: 'section', parentId: 'bureau', kind: 'department' };

  it('tells a section, then its bureau, then the hotline centre', () => {
    expect(escalationAddressee('unit', section, [bureau, root], centre)).toBe('section');
    expect(escalationAddressee('leadership', section, [bureau, root], centre)).toBe('bureau');
    expect(escalationAddressee('city', section, [bureau, root], centre)).toBe('centre');
  });
  it('a bureau under the root is its own leadership; without a centre the city is the root', () => {
    expect(escalationAddressee('leadership', bureau, [root], centre)).toBe('bureau');
    expect(escalationAddressee('city', bureau, [root], null)).toBe('city');
  });
});
