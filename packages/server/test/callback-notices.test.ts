import { noticeOutboxBody, noticeText, type LineServiceHours, type NoticeFacts } from '@openline/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sweepCallbacks } from '../src/modules/callbacks/sweep.js';
import { createLine } from '../src/modules/org/service.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

const ALWAYS_OPEN: LineServiceHours = {
  weekly: Object.fromEntries((['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const).map((d) => [d, [['00:00', '24:00']]])),
  onHolidays: 'open',
};
const HOUR = 3_600_000;
const NUMBER = '0000-66003456';
const CALLER = '13500000005';

type Item = { kind: string; caseId: string | null; facts: NoticeFacts | null };

/**
 * A callback task's reminder and escalation reach people as notices about no case (core
 * notices.ts): what the bell reads must say which line, which caller (masked) and by when, or the
 * official sees an empty "staff message" with nothing to open.
 */
describeDb(`Callback notices in the bell (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let lineId: string;
  let ctiUrl: string;

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    const line = await createLine(t.ctx.db, {
      jurisdictionId: f.jurisdiction.id, number: NUMBER, name: '区长热线', ownerUserId: f.users.official, ownerTitle: '区长', mode: 'direct', isPublic: true,
      serviceHours: ALWAYS_OPEN as never,
    });
    lineId = line.id;
    const admin = await login(t.app, 'admin');
    const issued = await t.app.inject({ method: 'POST', url: '/api/v1/admin/cti-tokens', headers: { cookie: admin }, payload: { name: 'PBX' } });
    ctiUrl = `/api/v1/cti/${(issued.json() as { token: string }).token}`;
  });
  afterAll(() => t.close());

  const notices = async (who: string, taskId: string): Promise<Item[]> => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/notifications?limit=100', headers: { cookie: await login(t.app, who) } });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: Item[] }).items.filter((n) => n.facts !== null && 'taskId' in n.facts && n.facts.taskId === taskId);
  };

  it('tells the official which line, which caller (masked) and by when; the supervisors when it is overdue; never the number in full', async () => {
    // A missed call in hours files a callback task for the line's owner.
    for (const event of ['newCall', 'hangup']) {
      const res = await t.app.inject({ method: 'POST', url: ctiUrl, payload: { event, direction: 'in', from: CALLER, to: NUMBER.replace('-', ''), call_id: 'notice-1', cause: 'noAnswer' } });
      expect(res.statusCode, res.body).toBe(200);
    }
    const task = await t.ctx.db.selectFrom('callback_tasks').select(['id', 'due_at']).where('line_id', '=', lineId).executeTakeFirstOrThrow();
    const due = new Date(task.due_at);
    expect(await sweepCallbacks(t.ctx, { now: () => new Date(due.getTime() - 60_000) })).toEqual({ reminders: 1, overdue: 0 });
    expect(await sweepCallbacks(t.ctx, { now: () => new Date(due.getTime() + HOUR) })).toEqual({ reminders: 0, overdue: 1 });

    const facts = { taskId: task.id, lineId, lineName: '区长热线', lineNumber: NUMBER, caller: '135****0005', callCount: 1, dueAt: task.due_at, timeZone: f.jurisdiction.timezone };
    const reminder: NoticeFacts = { kind: 'callback_reminder', ...facts };
    const overdue: NoticeFacts = { kind: 'callback_overdue', ...facts };
    // The owner is reminded, then told it is overdue: each its own kind with its facts, no case.
    const official = await notices('official', task.id);
    expect(official).toHaveLength(2);
    expect(official).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'callback_reminder', caseId: null, facts: reminder }),
      expect.objectContaining({ kind: 'callback_overdue', caseId: null, facts: overdue }),
    ]));
    // The supervisors hear of the overdue one only.
    const supervisor = await notices('supervisor', task.id);
    expect(supervisor).toEqual([expect.objectContaining({ kind: 'callback_overdue', facts: overdue })]);

    // What the console words from them, and the outbox says the same.
    expect(noticeText(reminder, 'zh-CN')).toMatch(/^区长热线（0000-66003456）有来电待回电（来电人 135\*\*\*\*0005，1次来电），请于\d+月\d+日 \d\d:\d\d前回电。$/);
    expect(noticeText(overdue, 'en')).toMatch(/^The callback for 区长热线 \(0000-66003456\) is past its deadline \(\d+ \w{3} \d\d:\d\d\) and nobody has called back yet \(135\*\*\*\*0005, 1 call\)\.$/);
    const outbox = await t.ctx.db.selectFrom('outbox').select(['template', 'body']).where('template', 'in', ['callback_reminder', 'callback_overdue']).execute();
    expect(new Set(outbox.map((m) => m.body))).toEqual(new Set([noticeOutboxBody(reminder), noticeOutboxBody(overdue)]));

    // Nowhere in full: not in the notices read, the rows kept or the outbox.
    const stored = await t.ctx.db.selectFrom('notifications').select('facts').where('kind', 'like', 'callback_%').execute();
    expect(stored.length).toBeGreaterThan(0);
    expect(JSON.stringify([official, supervisor, stored, outbox])).not.toContain(CALLER.slice(3));
  });
});
