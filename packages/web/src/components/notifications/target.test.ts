import type { NoticeFacts } from '@openline/core';
import { describe, expect, it } from 'vitest';
import { notificationText } from './notice-text';
import { notificationTarget } from './target';

const cold: NoticeFacts = {
  kind: 'cold_line_alert', lineId: 'l1', lineName: '区长热线', lineNumber: '0000-66002345',
  offered: 10, answered: 8, calledBack: 0, missed: 2, answerRate: 0.8, promptRate: 0.7, thresholds: { answerRate: 0.95, promptSeconds: 15, promptRate: 0.95 },
};
const reminder: NoticeFacts = {
  kind: 'callback_reminder', lineId: 'l1', lineName: '区长热线', lineNumber: '0000-66002345', taskId: 'task-1',
  caller: '135****0005', callCount: 1, dueAt: '2026-03-12T01:30:00.000Z', timeZone: 'Asia/Shanghai',
};
const none = { caseId: null, facts: null };

describe('where a notification leads', () => {
  it('a case, or for a caller flag the flag list', () => {
    expect(notificationTarget({ kind: 'dispatch', caseId: 'c1', facts: null }, ['handler'])).toEqual({ to: '/cases/c1', what: 'case' });
    expect(notificationTarget({ kind: 'caller_flagged', ...none }, ['operator'])).toEqual({ to: '/caller-flags', what: 'callerFlags' });
    expect(notificationTarget({ kind: 'message', ...none }, ['admin'])).toBeNull();
  });

  it('a callback reminder or escalation: the task in the callback queue', () => {
    expect(notificationTarget({ kind: 'callback_reminder', caseId: null, facts: reminder }, ['official'])).toEqual({ to: '/callbacks?task=task-1', what: 'callbackTask' });
    expect(notificationTarget({ kind: 'callback_overdue', caseId: null, facts: { ...reminder, kind: 'callback_overdue' } }, ['supervisor'])).toEqual({ to: '/callbacks?task=task-1', what: 'callbackTask' });
  });

  it("a cold line: the line's figures where the reader's role may see them", () => {
    const to = (roles: Parameters<typeof notificationTarget>[1]) => notificationTarget({ kind: 'cold_line_alert', caseId: null, facts: cold }, roles)?.to;
    expect(to(['official'])).toBe('/desk');
    expect(to(['supervisor'])).toBe('/stats');
    expect(to(['admin', 'supervisor'])).toBe('/admin/telephony');
    // A handler who owns a line sees its panel beside the callback queue.
    expect(to(['handler'])).toBe('/callbacks');
  });

  it("says what happened in the reader's language, and nothing for a case's notification", () => {
    expect(notificationText({ facts: cold }, 'zh-CN')).toContain('区长热线（0000-66002345）近24小时接通率 80%');
    expect(notificationText({ facts: cold }, 'en')).toContain('区长热线 (0000-66002345) answered 80%');
    expect(notificationText({ facts: reminder }, undefined)).toContain('来电人 135****0005');
    expect(notificationText({ facts: null }, 'zh-CN')).toBeNull();
  });
});
