import type { LineServiceHours } from '@openline/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sweepCallbacks } from '../src/modules/callbacks/sweep.js';
import { openCase } from '../src/modules/cases/open-case.js';
import { createLine } from '../src/modules/org/service.js';
import { receiveCtiEvent } from '../src/modules/telephony/cti-service.js';
import type { CtiEvent } from '../src/modules/telephony/cti-input.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/** A Beijing wall-clock time as an instant. */
const bj = (local: string): Date => new Date(`${local}:00+08:00`);
const OFFICE: LineServiceHours = {
  weekly: Object.fromEntries((['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => [d, [['08:30', '12:00'], ['14:00', '17:30']]])),
  onHolidays: 'closed',
};
const ALWAYS_OPEN: LineServiceHours = {
  weekly: Object.fromEntries((['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const).map((d) => [d, [['00:00', '24:00']]])),
  onHolidays: 'open',
};
const NEVER_OPEN: LineServiceHours = { weekly: {}, onHolidays: 'closed' };
const HOUR = 3_600_000;

type Task = Record<string, unknown> & { id: string; callerPhone: string; status: string; callCount: number };

describeDb(`Callbacks and after-hours protection (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let url: string;
  let tokenId: string;
  let admin: string;
  let official: string;
  const lines: Record<'office' | 'open' | 'closed' | 'staffed' | 'tip', { id: string; number: string }> = {} as never;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    const line = async (key: keyof typeof lines, number: string, mode: 'direct' | 'staffed' | 'tip', serviceHours: LineServiceHours) => {
      const made = await createLine(t.ctx.db, {
        jurisdictionId: f.jurisdiction.id, number, name: `${key}热线`, ownerUserId: f.users.official, ownerTitle: '区长', mode, isPublic: true,
        serviceHours: serviceHours as never,
      });
      lines[key] = { id: made.id, number };
    };
    await line('office', '0000-66002345', 'direct', OFFICE);
    await line('open', '0000-66002346', 'direct', ALWAYS_OPEN);
    await line('closed', '0000-66002347', 'direct', NEVER_OPEN);
    await line('staffed', '0000-66002348', 'staffed', ALWAYS_OPEN);
    await line('tip', '0000-66002349', 'tip', NEVER_OPEN);
    admin = await login(t.app, 'admin');
    official = await login(t.app, 'official');
    const issued = await t.app.inject({ method: 'POST', url: '/api/v1/admin/cti-tokens', headers: { cookie: admin }, payload: { name: 'PBX' } });
    url = `/api/v1/cti/${(issued.json() as { token: string }).token}`;
    tokenId = (issued.json() as { id: string }).id;
  });
  afterAll(() => t.close());

  const callId = (): string => `cb-${++seq}-${Date.now()}`;
  const cti = async (payload: Record<string, unknown>) => {
    const res = await t.app.inject({ method: 'POST', url, payload });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Record<string, unknown>;
  };
  const call = (to: string, from = '13812345678') => {
    const id = callId();
    const base = { direction: 'in', from, to, call_id: id };
    return {
      id,
      newCall: (extra: Record<string, unknown> = {}) => cti({ event: 'newCall', ...base, ...extra }),
      answer: () => cti({ event: 'answer', ...base, user: 'official' }),
      hangup: (extra: Record<string, unknown> = {}) => cti({ event: 'hangup', ...base, cause: 'noAnswer', ...extra }),
    };
  };
  const tasksOf = (lineId: string) => t.ctx.db.selectFrom('callback_tasks').selectAll().where('line_id', '=', lineId).orderBy('created_at').execute();
  const queue = async (cookie: string, query = '') => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/callbacks${query}`, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Task[]; total: number; counts: { open: number; overdue: number; closedToday: number } };
  };
  const clear = async () => {
    for (const table of ['callback_attempts', 'callback_calls', 'callback_tasks', 'outbox'] as const) await t.ctx.db.deleteFrom(table).execute();
  };

  it('turns an after-hours call to a direct line into a task due one open hour after the line next opens, for the owner', async () => {
    await clear();
    const event = (kind: CtiEvent['event'], id: string): CtiEvent => ({
      event: kind, direction: 'in', from: '13912340000', to: lines.office.number, callId: id, users: [], queue: null, cause: kind === 'hangup' ? 'cancel' : null,
      answeringNumber: null, voicemailUrl: null,
    });
    const id = callId();
    const caller = { tokenId, jurisdictionId: f.jurisdiction.id };
    // Wednesday 22:10 in Beijing: the office line closed at 17:30 and opens at 08:30.
    expect(await receiveCtiEvent(t.ctx, { caller, event: event('newCall', id), now: bj('2026-03-11T22:10') })).toEqual({});
    expect(await receiveCtiEvent(t.ctx, { caller, event: event('hangup', id), now: bj('2026-03-11T22:11') })).toEqual({});
    const [task, ...more] = await tasksOf(lines.office.id);
    expect(more).toEqual([]);
    expect(task).toMatchObject({
      status: 'open', reason: 'after_hours', call_count: 1, assignee_user_id: f.users.official, unit_id: f.units.city,
      due_at: bj('2026-03-12T09:30').toISOString(), remind_at: bj('2026-03-12T09:15').toISOString(), deadline_clock: 'line',
      caller_bidx: t.pii.blindIndex('+8613912340000'),
    });
    expect(t.pii.decrypt(task?.caller_enc ?? '')).toBe('+8613912340000');
    expect(JSON.stringify(task)).not.toContain('13912340000');
    // A missed call at 10:00 the next morning joins the open task; its deadline stands.
    const second = callId();
    await receiveCtiEvent(t.ctx, { caller, event: event('newCall', second), now: bj('2026-03-12T10:00') });
    await receiveCtiEvent(t.ctx, { caller, event: { ...event('hangup', second), cause: 'noAnswer' }, now: bj('2026-03-12T10:01') });
    const [again] = await tasksOf(lines.office.id);
    expect(again).toMatchObject({ id: task?.id, call_count: 2, due_at: bj('2026-03-12T09:30').toISOString(), last_call_at: bj('2026-03-12T10:00').toISOString() });
  });

  it('answers an after-hours newCall with a forward to the line\'s after-hours desk, the same on a repeat, and files one task', async () => {
    await clear();
    const put = await t.app.inject({
      method: 'PUT', url: `/api/v1/admin/lines/${lines.closed.id}/callback-settings`, headers: { cookie: admin },
      payload: { afterHoursNumber: '0000-12345', callbackUnitId: f.units.centre, withinMinutes: 30, maxTries: 2 },
    });
    expect(put.statusCode, put.body).toBe(200);
    const c = call(lines.closed.number);
    expect(await c.newCall()).toEqual({ action: 'forward', destination: '0000-12345' });
    expect(await c.newCall()).toEqual({ action: 'forward', destination: '0000-12345' });
    // The desk answers the forwarded call: the official's office still owes the caller a call.
    expect(await c.answer()).toEqual({});
    expect(await c.hangup({ cause: 'normalClearing' })).toEqual({});
    const tasks = await tasksOf(lines.closed.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ reason: 'after_hours', call_count: 1, unit_id: f.units.centre, deadline_clock: 'working' });
    // Form-encoded like Zammad's bridges; a line without a desk answers {} after hours.
    const form = await t.app.inject({
      method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `event=newCall&direction=in&from=13800001111&to=${encodeURIComponent(lines.closed.number)}&callId=${callId()}`,
    });
    expect(form.body).toBe('{"action":"forward","destination":"0000-12345"}');
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('target_id', '=', lines.closed.id).execute();
    expect(audit.map((a) => a.action)).toContain('line.callback_settings');
  });

  it('files a missed call in hours (with its voicemail link), not an answered one, and keeps one open task per caller and line', async () => {
    await clear();
    const answered = call(lines.open.number);
    await answered.newCall();
    await answered.answer();
    await answered.hangup({ cause: 'normalClearing' });
    expect(await tasksOf(lines.open.id)).toEqual([]);

    const missed = call(lines.open.number, '13700000001');
    expect(await missed.newCall()).toEqual({});
    expect(await tasksOf(lines.open.id)).toEqual([]); // ringing: nothing yet
    // The PBX's voicemail picks up (Zammad: user/answeringNumber "voicemail"), then sends the recording's link.
    await cti({ event: 'answer', direction: 'in', from: '13700000001', to: lines.open.number, call_id: missed.id, user: 'voicemail', answeringNumber: 'voicemail' });
    await missed.hangup({ cause: 'normalClearing', voicemail: 'https://pbx.example/vm/1.wav' });
    await missed.hangup({ cause: 'normalClearing', recording_url: 'https://pbx.example/vm/1.wav' });
    const repeat = call(lines.open.number, '+86 137 0000 0001');
    await repeat.newCall();
    await repeat.hangup({ cause: 'cancel' });
    const other = call(lines.open.number, '13700000002');
    await other.newCall();
    await other.hangup({ cause: 'busy' });
    const tasks = await tasksOf(lines.open.id);
    expect(tasks.map((x) => [x.reason, x.call_count])).toEqual([['voicemail', 2], ['busy', 1]]);
    expect(t.pii.decrypt(tasks[0]?.voicemail_enc ?? '')).toBe('https://pbx.example/vm/1.wav');
    expect(await t.ctx.db.selectFrom('callback_calls').select('call_id').where('task_id', '=', tasks[0]?.id ?? '').execute()).toHaveLength(2);

    const mine = await queue(official, '?status=open');
    const task = mine.items.find((i) => i.id === tasks[0]?.id);
    expect(task).toMatchObject({ callerPhone: '137****0001', voicemailUrl: 'https://pbx.example/vm/1.wav', callCount: 2, mayWork: true, lineName: 'open热线' });
    expect(mine.counts.open).toBe(2);
  });

  it('files nothing for withheld numbers, blocked callers, tip lines and short abandons in a staffed queue', async () => {
    await clear();
    const anon = call(lines.closed.number, 'anonymous');
    expect(await anon.newCall()).toEqual({ action: 'forward', destination: '0000-12345' });
    await t.app.inject({ method: 'POST', url: '/api/v1/admin/blocked-numbers', headers: { cookie: admin }, payload: { number: '13600000009' } });
    const blocked = call(lines.closed.number, '13600000009');
    expect(await blocked.newCall()).toEqual({ action: 'reject', reason: 'busy' });
    await blocked.hangup();
    const tip = call(lines.tip.number);
    await tip.newCall();
    await tip.hangup();
    const short = call(lines.staffed.number);
    await short.newCall();
    await short.hangup({ cause: 'cancel' });
    expect(await t.ctx.db.selectFrom('callback_tasks').select('id').execute()).toEqual([]);
    const unanswered = call(lines.staffed.number);
    await unanswered.newCall();
    await unanswered.hangup({ cause: 'noAnswer' });
    expect((await tasksOf(lines.staffed.id)).map((x) => x.reason)).toEqual(['missed']);
  });

  it('reminds and escalates an untried task exactly once, also with two sweeps at once, and never after a try', async () => {
    await clear();
    const c = call(lines.open.number, '13500000003');
    await c.newCall();
    await c.hangup();
    const [task] = await tasksOf(lines.open.id);
    const due = new Date(task?.due_at ?? '');
    const before = new Date(due.getTime() - 60_000);
    expect(await sweepCallbacks(t.ctx, { now: () => new Date(due.getTime() - 30 * 60_000) })).toEqual({ reminders: 0, overdue: 0 });
    const [a, b] = await Promise.all([sweepCallbacks(t.ctx, { now: () => before }), sweepCallbacks(t.ctx, { now: () => before })]);
    expect((a?.reminders ?? 0) + (b?.reminders ?? 0)).toBe(1);
    const after = new Date(due.getTime() + HOUR);
    const [x, y] = await Promise.all([sweepCallbacks(t.ctx, { now: () => after }), sweepCallbacks(t.ctx, { now: () => after })]);
    expect((x?.overdue ?? 0) + (y?.overdue ?? 0)).toBe(1);
    expect(await sweepCallbacks(t.ctx, { now: () => new Date(due.getTime() + 5 * HOUR) })).toEqual({ reminders: 0, overdue: 0 });
    const messages = await t.ctx.db.selectFrom('outbox').select(['template', 'recipient_hint as recipient', 'body']).orderBy('template').orderBy('recipient_hint').execute();
    expect(messages.map((m) => [m.template, m.recipient])).toEqual([
      ['callback_overdue', `role:supervisor:${f.jurisdiction.id}`],
      ['callback_overdue', `unit:${f.units.city}`],
      ['callback_overdue', `user:${f.users.official}`],
      ['callback_reminder', `unit:${f.units.city}`],
      ['callback_reminder', `user:${f.users.official}`],
    ]);
    expect(messages.map((m) => m.body).join()).not.toContain('13500000003');

    // A task tried before its deadline is not chased.
    const tried = call(lines.open.number, '13500000004');
    await tried.newCall();
    await tried.hangup();
    const [, second] = await tasksOf(lines.open.id);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/callbacks/${second?.id}/attempts`, headers: { cookie: official }, payload: { result: 'no_answer' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await sweepCallbacks(t.ctx, { now: () => new Date(Date.now() + 30 * 86_400_000) })).toEqual({ reminders: 0, overdue: 0 });
  });

  it('closes by outcome: reached, not reached after the line\'s tries (each recorded), or a case, and refuses a closed task', async () => {
    await clear();
    const file = async (from: string, to = lines.open.number) => {
      const c = call(to, from);
      await c.newCall();
      await c.hangup();
      return (await tasksOf(to === lines.open.number ? lines.open.id : lines.closed.id)).find((x) => x.status === 'open' && x.caller_bidx === t.pii.blindIndex(`+86${from}`))?.id ?? '';
    };
    const attempt = (id: string, result: string, cookie = official) =>
      t.app.inject({ method: 'POST', url: `/api/v1/callbacks/${id}/attempts`, headers: { cookie }, payload: { result, note: '留言已转达 13800001111' } });

    const reached = await file('13400000001');
    expect((await attempt(reached, 'busy')).json()).toMatchObject({ status: 'open', failedTries: 1 });
    const done = await attempt(reached, 'reached');
    expect(done.json()).toMatchObject({ status: 'closed', outcome: 'reached', failedTries: 1 });
    expect((done.json() as { attempts: Array<{ result: string; note: string }> }).attempts.map((a) => a.result)).toEqual(['busy', 'reached']);
    const stored = await t.ctx.db.selectFrom('callback_attempts').select('note_enc').where('task_id', '=', reached).execute();
    expect(JSON.stringify(stored)).not.toContain('13800001111');
    const refused = await attempt(reached, 'reached');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CALLBACK_CLOSED');
    // The caller's next missed call opens a new task.
    expect(await file('13400000001')).not.toBe(reached);

    // The closed line allows 2 tries and is worked by the hotline centre (settings above): an operator
    // there works it, the admin of the owner's unit no longer does.
    const gaveUp = await file('13400000002', lines.closed.number);
    const operator = await login(t.app, 'operator');
    expect((await attempt(gaveUp, 'no_answer', admin)).statusCode).toBe(403);
    expect((await attempt(gaveUp, 'no_answer', operator)).json()).toMatchObject({ status: 'open' });
    expect((await attempt(gaveUp, 'no_answer', operator)).json()).toMatchObject({ status: 'closed', outcome: 'not_reached', failedTries: 2 });

    const becameCase = await file('13400000003');
    const { id: caseId } = await openCase(t.ctx, {
      jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency: 'normal', content: '回电后登记：小区路灯不亮。',
      callerPhone: '+8613400000003', lineId: lines.open.id, actor: { kind: 'staff', userId: f.users.operator },
    });
    // A case the official cannot see (not on their line, not their units') cannot be linked.
    const { id: hidden } = await openCase(t.ctx, {
      jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency: 'normal', content: '别处的工单。', actor: { kind: 'staff', userId: f.users.operator },
    });
    const notMine = await t.app.inject({ method: 'POST', url: `/api/v1/callbacks/${becameCase}/case`, headers: { cookie: official }, payload: { caseId: hidden } });
    expect(notMine.json().error.code).toBe('REFERENCE_NOT_FOUND');
    const linked = await t.app.inject({ method: 'POST', url: `/api/v1/callbacks/${becameCase}/case`, headers: { cookie: official }, payload: { caseId } });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toMatchObject({ status: 'closed', outcome: 'case', caseId });
    const calls = await t.ctx.db.selectFrom('callback_calls').innerJoin('call_records', 'call_records.id', 'callback_calls.call_id').select('call_records.case_id').where('task_id', '=', becameCase).execute();
    expect(calls.map((c) => c.case_id)).toEqual([caseId]);
    const unknown = await t.app.inject({ method: 'POST', url: `/api/v1/callbacks/${await file('13400000004')}/case`, headers: { cookie: official }, payload: { caseId: f.units.city } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('REFERENCE_NOT_FOUND');
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('target_type', '=', 'callback_task').execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['callback.attempt', 'callback.case']));
  });

  it('shows a task to the owner and staff (who work it) and supervisors (who watch), masked, with an audited reveal', async () => {
    await clear();
    const c = call(lines.open.number, '13300000005');
    await c.newCall();
    await c.hangup({ voicemail: 'https://pbx.example/vm/5.wav' });
    const [task] = await tasksOf(lines.open.id);
    const id = task?.id ?? '';
    const supervisor = await login(t.app, 'supervisor');
    const outsider = await login(t.app, 'transport-handler');
    const watched = (await queue(supervisor)).items.find((i) => i.id === id);
    expect(watched).toMatchObject({ callerPhone: '133****0005', mayWork: false, hasVoicemail: true, voicemailUrl: null });
    expect((await queue(outsider)).items).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/callbacks/${id}`, headers: { cookie: outsider } })).statusCode).toBe(404);
    const tryIt = await t.app.inject({ method: 'POST', url: `/api/v1/callbacks/${id}/attempts`, headers: { cookie: supervisor }, payload: { result: 'reached' } });
    expect(tryIt.statusCode).toBe(403);
    const reveal = await t.app.inject({ method: 'POST', url: `/api/v1/callbacks/${id}/reveal`, headers: { cookie: official }, payload: {} });
    expect(reveal.json()).toEqual({ callerPhone: '+8613300000005' });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_user_id']).where('target_id', '=', id).execute();
    expect(audit).toEqual([{ action: 'callback.reveal', actor_user_id: f.users.official }]);
    const operator = await login(t.app, 'operator');
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/callbacks/${id}/reveal`, headers: { cookie: operator }, payload: {} })).statusCode).toBe(404);
  });

  it('gives the callbacks of a line nobody owns to the hotline centre, whose operators work them and are reminded', async () => {
    await clear();
    const ownerless = await createLine(t.ctx.db, {
      jurisdictionId: f.jurisdiction.id, number: '0000-66002350', name: '无人负责热线', ownerUserId: null, ownerTitle: '热线中心', mode: 'staffed', isPublic: true,
      serviceHours: ALWAYS_OPEN as never,
    });
    const c = call('0000-66002350', '13300000006');
    await c.newCall();
    await c.hangup();
    const [task] = await tasksOf(ownerless.id);
    expect(task).toMatchObject({ assignee_user_id: null, unit_id: f.units.centre });
    const operator = await login(t.app, 'operator');
    const mine = (await queue(operator)).items.find((i) => i.id === task?.id);
    expect(mine).toMatchObject({ callerPhone: '133****0006', mayWork: true });
    // An orphan filed before the rule (no assignee, no unit) is handed over by migration 0071.
    await t.ctx.db.updateTable('callback_tasks').set({ unit_id: null }).where('id', '=', task?.id ?? '').execute();
    const { up } = await import('../src/db/migrations/0071_callbacks_to_centre.js');
    await up(t.ctx.db);
    expect(await t.ctx.db.selectFrom('callback_tasks').select('unit_id').where('id', '=', task?.id ?? '').executeTakeFirst()).toEqual({ unit_id: f.units.centre });
  });

  it('gives an official their own lines\' calls, missed calls, callbacks and answer rate', async () => {
    await clear();
    type Figures = { offered: number; answered: number; missed: number; calledBack: number; callbacksWithin1h: number; answerRate: number | null };
    const last24h = async (): Promise<Figures> => {
      const r = await t.app.inject({ method: 'GET', url: '/api/v1/me/lines', headers: { cookie: official } });
      expect(r.statusCode, r.body).toBe(200);
      return (r.json() as { items: Array<{ id: string; last24h: Figures }> }).items.find((i) => i.id === lines.open.id)?.last24h as Figures;
    };
    // Earlier tests' calls to this line are in the window too: the figures are read as changes.
    const base = await last24h();
    const since = (f: Figures) => ({ offered: f.offered - base.offered, answered: f.answered - base.answered, missed: f.missed - base.missed, calledBack: f.calledBack - base.calledBack, callbacksWithin1h: f.callbacksWithin1h - base.callbacksWithin1h });
    const ok = call(lines.open.number, '13200000001');
    await ok.newCall();
    await ok.answer();
    await ok.hangup({ cause: 'normalClearing' });
    const missed = call(lines.open.number, '13200000002');
    await missed.newCall();
    await missed.hangup();
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me/lines', headers: { cookie: official } });
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { items: Array<Record<string, unknown> & { id: string }> }).items;
    expect(items.map((i) => i.id).sort()).toEqual(Object.values(lines).map((l) => l.id).sort());
    const open = items.find((i) => i.id === lines.open.id);
    expect(open).toMatchObject({ openNow: true, callbacks: { open: 1, overdue: 0 } });
    const first = await last24h();
    expect(since(first)).toEqual({ offered: 2, answered: 1, missed: 1, calledBack: 0, callbacksWithin1h: 0 });
    expect(items.find((i) => i.id === lines.closed.id)).toMatchObject({ openNow: false, nextOpensAt: null, afterHoursNumber: '0000-12345' });
    // A task recorded as reached is the official's own record: shown, but not taken by the rate.
    const [task] = await tasksOf(lines.open.id);
    await t.app.inject({ method: 'POST', url: `/api/v1/callbacks/${task?.id}/attempts`, headers: { cookie: official }, payload: { result: 'reached' } });
    const recorded = await last24h();
    expect(since(recorded)).toEqual({ offered: 2, answered: 1, missed: 1, calledBack: 0, callbacksWithin1h: 1 });
    expect(recorded.answerRate).toBe(first.answerRate);
    // A callback the phone system placed and the caller answered within the hour counts as answered
    // (DESIGN §6), the same on the official's desk as on the public directory.
    const back = { direction: 'out', from: lines.open.number, to: '13200000002', call_id: callId() };
    await cti({ event: 'newCall', ...back });
    await cti({ event: 'answer', ...back, user: 'official' });
    await cti({ event: 'hangup', ...back, cause: 'normalClearing' });
    const placed = await last24h();
    expect(since(placed)).toEqual({ offered: 2, answered: 2, missed: 0, calledBack: 1, callbacksWithin1h: 1 });
    expect(placed.answered + placed.missed).toBe(placed.offered);
    const directory = (await t.app.inject({ method: 'GET', url: '/api/v1/public/lines' })).json() as { items: Array<{ id: string; calls: Record<string, unknown> }> };
    expect(directory.items.find((i) => i.id === lines.open.id)?.calls).toMatchObject({ offered: placed.offered, answered: placed.answered, missed: placed.missed, answerRate: placed.answerRate });
    const handler = await login(t.app, 'handler');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/lines', headers: { cookie: handler } })).json()).toEqual({ items: [] });
  });

  it('validates a line\'s after-hours settings', async () => {
    const put = (payload: Record<string, unknown>) => t.app.inject({ method: 'PUT', url: `/api/v1/admin/lines/${lines.office.id}/callback-settings`, headers: { cookie: admin }, payload });
    const valid = { afterHoursNumber: null, callbackUnitId: null, withinMinutes: 60, maxTries: 3 };
    expect((await put({ ...valid, afterHoursNumber: 'call me' })).statusCode).toBe(400);
    expect((await put({ ...valid, withinMinutes: 0 })).statusCode).toBe(400);
    const foreign = await put({ ...valid, callbackUnitId: '00000000-0000-4000-8000-000000000000' });
    expect(foreign.json().error.code).toBe('REFERENCE_NOT_FOUND');
    expect((await put(valid)).json()).toEqual(valid);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/admin/lines/${lines.office.id}/callback-settings`, headers: { cookie: official } })).statusCode).toBe(403);
  });
});
