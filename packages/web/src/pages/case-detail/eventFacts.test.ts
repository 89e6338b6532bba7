import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseEventView } from '../../api/cases';
import { chineseT } from '../../i18n/test-instance';
import { eventFacts } from './eventFacts';

const event = (type: string, payload: Record<string, unknown>): CaseEventView => ({
  id: 1,
  type,
  actorKind: 'staff',
  actorName: '王晓燕',
  fromStatus: null,
  toStatus: null,
  reason: null,
  payload,
  createdAt: '2026-11-28T08:00:00Z',
});
const names = new Map([['u1', '东城区城市管理局'], ['u2', '和平街道']]);
const unitName = (id: string) => names.get(id);

describe('eventFacts', () => {
  let t: TFunction;
  beforeAll(async () => {
    t = await chineseT();
  });

  it('names the vulnerability flags confirmed at intake and how a change moved them', () => {
    expect(eventFacts(t, event('created', { channel: 'phone', vulnerabilities: ['elderly', 'disabled'] }), unitName)).toEqual([
      '来源渠道：电话',
      '特殊群体：老年人、残疾人',
    ]);
    expect(eventFacts(t, event('vulnerabilities_changed', { before: [], after: ['pregnant'] }), unitName)).toEqual(['特殊群体：未标注 → 孕产妇']);
  });

  it('names the units of a dispatch', () => {
    expect(eventFacts(t, event('dispatched', { leadUnitId: 'u1', coUnitIds: ['u2'], note: '请核实' }), unitName)).toEqual([
      '主办单位：东城区城市管理局',
      '协办单位：和平街道',
      '备注：请核实',
    ]);
  });

  it('leaves out units the user cannot see rather than showing their ids', () => {
    expect(eventFacts(t, event('returned', { returnedByUnitId: 'secret', bounceCount: 2, toArbitration: true }), unitName)).toEqual([
      '已提交督办员仲裁',
    ]);
  });

  it('translates the codes of a visit and a deadline', () => {
    expect(eventFacts(t, event('visited', { solved: false, satisfaction: 'unsatisfied', autoClosed: false }), unitName)).toEqual([
      '是否解决：未解决',
      '满意度：不满意',
    ]);
    expect(eventFacts(t, event('deadline_overdue', { deadline: 'contact', dueAt: '2026-11-30T09:30:00Z' }), unitName)).toEqual([
      '时限：联系时限',
      '截止时间：2026-11-30 17:30',
    ]);
  });
});
