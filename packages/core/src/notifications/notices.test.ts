import { describe, expect, it } from 'vitest';
import { noticeDeadline, noticeFactsSchema, noticeOutboxBody, noticeText, type NoticeFacts } from './notices.js';
import { notificationKindForTemplate } from './rules.js';

const cold: NoticeFacts = {
  kind: 'cold_line_alert', lineId: 'l1', lineName: '区长热线', lineNumber: '0000-66002345',
  offered: 10, answered: 8, calledBack: 1, missed: 2, answerRate: 0.8, promptRate: 0.625,
  thresholds: { answerRate: 0.95, promptSeconds: 15, promptRate: 0.95 },
};
// 2026-03-12 09:30 in Beijing.
const reminder: NoticeFacts = {
  kind: 'callback_reminder', lineId: 'l1', lineName: '区长热线', lineNumber: '0000-66002345', taskId: 't1',
  caller: '138****5678', callCount: 2, dueAt: '2026-03-12T01:30:00.000Z', timeZone: 'Asia/Shanghai',
};
const overdue: NoticeFacts = { ...reminder, kind: 'callback_overdue', callCount: 1 };

describe('notices about no case', () => {
  it('word a cold line with its 24 h figures against its standard, in Chinese and English', () => {
    expect(noticeText(cold, 'zh-CN')).toBe(
      '区长热线（0000-66002345）近24小时接通率 80%（8/10，含1小时内回拨 1），15秒内接听率 62.5%，未接通 2 个；低于标准（接通率 95%、15秒内接听 95%）。请尽快安排接听并回拨未接来电。',
    );
    expect(noticeText(cold, 'en')).toBe(
      '区长热线 (0000-66002345) answered 80% of its calls in the last 24 h (8 of 10, 1 of them called back within 1 h); 62.5% were picked up within 15 s and 2 went unanswered. ' +
        'Its standard is 95% answered and 95% within 15 s. Please staff the line and call the missed callers back.',
    );
    expect(noticeOutboxBody(cold)).toBe(`【冷线提醒】${noticeText(cold, 'zh-CN')}`);
    // Nothing offered is no figure, not 0 %.
    expect(noticeText({ ...cold, answerRate: null, promptRate: null }, 'en')).toContain('answered — of its calls');
  });

  it('word a callback with its line, the masked caller and the deadline on the city clock', () => {
    expect(noticeText(reminder, 'zh-CN')).toBe('区长热线（0000-66002345）有来电待回电（来电人 138****5678，2次来电），请于3月12日 09:30前回电。');
    expect(noticeText(reminder, 'en')).toBe('A caller to 区长热线 (0000-66002345) is waiting for a callback (138****5678, 2 calls). Please call back by 12 Mar 09:30.');
    expect(noticeText(overdue, 'zh-CN')).toBe('区长热线（0000-66002345）的回电任务已超过回电时限（3月12日 09:30），尚未回电（来电人 138****5678，1次来电）。');
    expect(noticeText(overdue, 'en')).toBe('The callback for 区长热线 (0000-66002345) is past its deadline (12 Mar 09:30) and nobody has called back yet (138****5678, 1 call).');
    expect(noticeOutboxBody(reminder)).toMatch(/^【回电提醒】区长热线/);
    expect(noticeOutboxBody(overdue)).toMatch(/^【督办】区长热线/);
    // A protected caller is left out, not shown as a blank.
    expect(noticeText({ ...reminder, caller: null }, 'zh-CN')).toBe('区长热线（0000-66002345）有来电待回电（2次来电），请于3月12日 09:30前回电。');
    expect(noticeText({ ...overdue, caller: null }, 'en')).toContain('(1 call)');
  });

  it('read deadlines in the given zone, around midnight too, and survive a zone the runtime lacks', () => {
    expect(noticeDeadline('2026-12-31T16:05:00Z', 'Asia/Shanghai', 'zh-CN')).toBe('1月1日 00:05');
    expect(noticeDeadline('2026-12-31T16:05:00Z', 'Asia/Shanghai', 'en')).toBe('1 Jan 00:05');
    expect(noticeDeadline('2026-12-31T16:05:00Z', 'Nowhere/Atlantis', 'en')).toBe('31 Dec 16:05 UTC');
    expect(noticeDeadline('not a time', 'Asia/Shanghai', 'en')).toBe('not a time');
  });

  it('refuse a caller in full, and figures that are not figures', () => {
    expect(noticeFactsSchema.safeParse(reminder).success).toBe(true);
    expect(noticeFactsSchema.safeParse({ ...reminder, caller: '13812345678' }).success).toBe(false);
    expect(noticeFactsSchema.safeParse({ ...cold, answerRate: 1.2 }).success).toBe(false);
    expect(noticeFactsSchema.safeParse({ ...cold, kind: 'message' }).success).toBe(false);
  });

  it('are their own kinds in the bell, not a bare staff message', () => {
    for (const kind of ['cold_line_alert', 'callback_reminder', 'callback_overdue'] as const) expect(notificationKindForTemplate(kind)).toBe(kind);
  });
});
