import type { LineServiceHours } from '@openline/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLine } from '../src/modules/org/service.js';
import type { CtiEvent } from '../src/modules/telephony/cti-input.js';
import { receiveCtiEvents, type CtiResult } from '../src/modules/telephony/cti-service.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

// What one group-commit batch (ADR 0023) does with events that meet in it: the batch path reads
// and writes a fixed number of statements whatever its events (on PostgreSQL one jsonb statement
// each, ADR 0057), so events of one call, repeats, late answers, several lines and several
// callback filings in ONE batch must come out as they do one by one.

const ALWAYS_OPEN: LineServiceHours = {
  weekly: Object.fromEntries((['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const).map((d) => [d, [['00:00', '24:00']]])),
  onHolidays: 'open',
};
const NEVER_OPEN: LineServiceHours = { weekly: {}, onHolidays: 'closed' };
const STAFFED = '0000-88002000';
const DIRECT = '0000-66003000';
const SILENT = '0000-66004000';
const BLOCKED = '13600002222';

describeDb(`CTI webhook: several events in one batch (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let tokenId: string;
  const lineIds: Record<string, string> = {};
  let seq = 0;
  const ok: CtiResult = { kind: 'answer', answer: {} };

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    const made = async (number: string, mode: 'staffed' | 'direct', hours: LineServiceHours) => {
      lineIds[number] = (await createLine(t.ctx.db, {
        jurisdictionId: f.jurisdiction.id, number, name: number, ownerUserId: mode === 'direct' ? f.users.official : null, ownerTitle: '', mode, isPublic: true,
        serviceHours: hours as never,
      })).id;
    };
    await made(STAFFED, 'staffed', ALWAYS_OPEN);
    await made(DIRECT, 'direct', NEVER_OPEN);
    await made(SILENT, 'direct', NEVER_OPEN);
    const admin = await login(t.app, 'admin');
    tokenId = ((await t.app.inject({ method: 'POST', url: '/api/v1/admin/cti-tokens', headers: { cookie: admin }, payload: { name: 'PBX' } })).json() as { id: string }).id;
    const desk = await t.app.inject({
      method: 'PUT', url: `/api/v1/admin/lines/${lineIds[DIRECT]}/callback-settings`, headers: { cookie: admin },
      payload: { afterHoursNumber: '0000-12345', callbackUnitId: null, withinMinutes: 60, maxTries: 3 },
    });
    expect(desk.statusCode, desk.body).toBe(200);
    const block = await t.app.inject({ method: 'POST', url: '/api/v1/admin/blocked-numbers', headers: { cookie: admin }, payload: { number: BLOCKED, note: '' } });
    expect(block.statusCode, block.body).toBe(201);
  });
  afterAll(() => t.close());

  const id = (): string => `one-batch-${++seq}`;
  const ev = (event: CtiEvent['event'], callId: string, o: Partial<CtiEvent> = {}): CtiEvent => ({
    event, direction: 'in', from: '13812340000', to: STAFFED, callId, users: [], queue: null, cause: event === 'hangup' ? 'normalClearing' : null,
    answeringNumber: null, voicemailUrl: null, ...o,
  });
  /** One batch, as the group commit hands it over: the events in arrival order, a millisecond apart. */
  let clock = Date.parse('2026-03-11T02:00:00Z');
  const batch = (events: CtiEvent[]) =>
    receiveCtiEvents(t.ctx, events.map((event) => ({ caller: { tokenId, jurisdictionId: f.jurisdiction.id }, event, at: new Date((clock += 1000)).toISOString() })));
  const record = (externalId: string) => t.ctx.db.selectFrom('call_records').selectAll().where('external_id', '=', externalId).executeTakeFirstOrThrow();
  const eventsOf = async (externalId: string) =>
    (await t.ctx.db.selectFrom('call_events').select('event').where('call_id', '=', (await record(externalId)).id).orderBy('event').execute()).map((e) => e.event);
  const tasksOf = (lineId: string | undefined) => t.ctx.db.selectFrom('callback_tasks').selectAll().where('line_id', '=', lineId ?? '').orderBy('created_at').execute();

  it('folds a whole call met in one batch, and the same call again in a second batch changes nothing', async () => {
    const a = id();
    const events = [ev('newCall', a), ev('answer', a, { users: ['operator'] }), ev('hangup', a)];
    expect(await batch(events)).toEqual([ok, ok, ok]);
    const first = await record(a);
    expect(first).toMatchObject({ outcome: 'answered', line_id: lineIds[STAFFED], answered_by_user_id: f.users.operator, late_answer: 0, wait_seconds: 1, talk_seconds: 1 });
    expect(await eventsOf(a)).toEqual(['answer', 'hangup', 'newCall']);
    expect(await batch(events)).toEqual([ok, ok, ok]);
    expect(await record(a)).toEqual(first);
    expect(await eventsOf(a)).toEqual(['answer', 'hangup', 'newCall']);
  });

  it('stores each kind once when the same event is delivered twice in one batch, for a new and a known call', async () => {
    const fresh = id();
    const known = id();
    await batch([ev('newCall', known)]);
    const answers = await batch([
      ev('newCall', fresh), ev('newCall', fresh), ev('hangup', fresh, { cause: 'cancel' }), ev('hangup', fresh, { cause: 'cancel' }),
      ev('answer', known, { users: ['operator'] }), ev('answer', known, { users: ['operator'] }), ev('newCall', known),
    ]);
    expect(answers).toEqual(Array.from({ length: 7 }, () => ok));
    expect(await eventsOf(fresh)).toEqual(['hangup', 'newCall']);
    expect(await record(fresh)).toMatchObject({ outcome: 'abandoned' });
    expect(await eventsOf(known)).toEqual(['answer', 'newCall']);
    expect(await record(known)).toMatchObject({ outcome: 'answered', answered_by_user_id: f.users.operator });
  });

  it('keeps a call missed when its answer comes after its hangup in the same batch (and across batches)', async () => {
    const same = id();
    const across = id();
    await batch([ev('newCall', across), ev('hangup', across, { cause: 'noAnswer' })]);
    await batch([ev('newCall', same), ev('hangup', same, { cause: 'noAnswer' }), ev('answer', same, { users: ['operator'] }), ev('answer', across, { users: ['operator'] })]);
    for (const c of [same, across]) {
      expect(await record(c)).toMatchObject({ outcome: 'missed', late_answer: 1, answered_at: null });
      expect(await eventsOf(c)).toEqual(['answer', 'hangup', 'newCall']);
    }
  });

  it('takes several lines, an unknown number, a withheld caller and a blocked caller in one batch, each answered in its place', async () => {
    const [staffed, direct, unknown, anonymous, blocked, outbound] = [id(), id(), id(), id(), id(), id()];
    const answers = await batch([
      ev('newCall', staffed), ev('newCall', direct, { to: '000066003000' }), ev('newCall', unknown, { to: '0000-11110000' }),
      ev('newCall', anonymous, { from: 'anonymous' }), ev('newCall', blocked, { from: BLOCKED }), ev('newCall', outbound, { direction: 'out', from: SILENT, to: '13900001111' }),
      ev('hangup', blocked, { from: BLOCKED }),
    ]);
    expect(answers).toEqual([ok, { kind: 'answer', answer: { action: 'forward', destination: '0000-12345' } }, ok, ok, { kind: 'answer', answer: { action: 'reject', reason: 'busy' } }, ok, ok]);
    expect(await record(staffed)).toMatchObject({ line_id: lineIds[STAFFED] });
    expect(await record(direct)).toMatchObject({ line_id: lineIds[DIRECT] });
    expect(await record(unknown)).toMatchObject({ line_id: null, line_number: '0000-11110000' });
    expect(await record(anonymous)).toMatchObject({ caller_enc: null, caller_bidx: null });
    expect(await record(blocked)).toMatchObject({ outcome: 'rejected' });
    expect(await record(outbound)).toMatchObject({ direction: 'out', line_id: lineIds[SILENT], caller_bidx: t.pii.blindIndex('+8613900001111') });
    // The repeated newCall of the blocked caller, alone in a later batch, is told the same.
    expect(await batch([ev('newCall', blocked, { from: BLOCKED })])).toEqual([{ kind: 'answer', answer: { action: 'reject', reason: 'busy' } }]);
  });

  it('files one callback task per caller and line for calls met in one batch, and sets the voicemail link as filing one by one would', async () => {
    const [first, second, other, later] = [id(), id(), id(), id()];
    const to = { to: SILENT };
    const vm = (n: number) => ({ ...to, cause: 'noAnswer', voicemailUrl: `https://pbx.example/vm/${n}` });
    await batch([ev('newCall', first, to), ev('newCall', second, to), ev('newCall', other, { ...to, from: '13800005555' }), ev('hangup', first, vm(1))]);
    const tasks = await tasksOf(lineIds[SILENT]);
    expect(tasks).toHaveLength(2);
    const mine = tasks.find((x) => x.caller_bidx === t.pii.blindIndex('+8613812340000'));
    expect(mine).toMatchObject({ call_count: 2, reason: 'after_hours', assignee_user_id: f.users.official });
    expect(t.pii.decrypt(mine?.voicemail_enc ?? '')).toBe('https://pbx.example/vm/1');
    expect(tasks.find((x) => x !== mine)).toMatchObject({ call_count: 1, voicemail_enc: null });
    expect(await t.ctx.db.selectFrom('callback_calls').select('call_id').where('task_id', 'in', tasks.map((x) => x.id)).execute()).toHaveLength(3);
    // Next batch: a new call joins the open task and brings link 4; then the hangup of a call
    // attached in the first batch brings link 2, which, coming last, is the one kept.
    await batch([ev('newCall', later, to), ev('hangup', later, vm(4)), ev('hangup', second, vm(2)), ev('hangup', first, vm(9))]);
    const again = (await tasksOf(lineIds[SILENT])).find((x) => x.id === mine?.id);
    expect(again).toMatchObject({ call_count: 3 });
    expect(t.pii.decrypt(again?.voicemail_enc ?? '')).toBe('https://pbx.example/vm/2');
    expect(await t.ctx.db.selectFrom('callback_calls').select('call_id').where('task_id', '=', mine?.id ?? '').execute()).toHaveLength(3);
  });
});
