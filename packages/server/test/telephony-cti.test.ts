import { DEFAULT_RATE_LIMITS } from '@openline/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeLimitsSetting } from '../src/modules/limits/repository.js';
import { createLine } from '../src/modules/org/service.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

const LINE = '0000-88001234';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeDb(`Telephony: the CTI webhook, Zammad's generic CTI (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let admin: string;
  let url: string;
  let lineId: string;
  let seq = 0;
  const callId = (): string => `call-${++seq}-${Date.now()}`;

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    lineId = (await createLine(t.ctx.db, {
      jurisdictionId: f.jurisdiction.id, number: LINE, name: '市长公开电话', ownerUserId: f.users.official, ownerTitle: '市长', mode: 'staffed',
      isPublic: true, serviceHours: { weekly: {}, onHolidays: 'open' },
    })).id;
    admin = await login(t.app, 'admin');
    const issued = await t.app.inject({ method: 'POST', url: '/api/v1/admin/cti-tokens', headers: { cookie: admin }, payload: { name: 'Asterisk AMI bridge' } });
    expect(issued.statusCode).toBe(201);
    url = `/api/v1/cti/${(issued.json() as { token: string }).token}`;
  });
  afterAll(() => t.close());

  const json = (payload: Record<string, unknown>, path = url) => t.app.inject({ method: 'POST', url: path, payload });
  const form = (body: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload: body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  const record = (id: string) => t.ctx.db.selectFrom('call_records').selectAll().where('external_id', '=', id).executeTakeFirstOrThrow();
  const inbound = (id: string, extra: Record<string, unknown> = {}) => ({ direction: 'in', from: '13812345678', to: '000088001234', call_id: id, ...extra });
  async function send(...events: Array<Record<string, unknown>>): Promise<void> {
    for (const e of events) {
      const res = await json(e);
      expect(res.statusCode, res.body).toBe(200);
      // Byte for byte: bridges written for Zammad read the answer (its schema is core's, ADR 0042).
      expect(res.body).toBe('{}');
      await sleep(3);
    }
  }

  it('issues tokens once, stores only their hash, lists and revokes them (audited); a revoked or wrong token is 401 in Zammad\'s words', async () => {
    const issued = await t.app.inject({ method: 'POST', url: '/api/v1/admin/cti-tokens', headers: { cookie: admin }, payload: { name: 'FreeSWITCH' } });
    const { id, token } = issued.json() as { id: string; token: string };
    expect(token).toMatch(/^olc_/);
    const stored = await t.ctx.db.selectFrom('cti_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/admin/cti-tokens', headers: { cookie: admin } });
    expect((list.json() as { items: Array<{ id: string; name: string }> }).items.map((i) => i.name)).toEqual(expect.arrayContaining(['FreeSWITCH', 'Asterisk AMI bridge']));
    const ok = await json(inbound(callId(), { event: 'newCall' }), `/api/v1/cti/${token}`);
    expect(ok.statusCode).toBe(200);
    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/cti-tokens/${id}`, headers: { cookie: admin }, payload: {} });
    expect(revoke.statusCode).toBe(204);
    const after = await json(inbound(callId(), { event: 'newCall' }), `/api/v1/cti/${token}`);
    expect(after.statusCode).toBe(401);
    expect(after.json()).toEqual({ error: expect.any(String) });
    const wrong = await json(inbound(callId(), { event: 'newCall' }), '/api/v1/cti/olc_wrong');
    expect(wrong.statusCode).toBe(401);
    expect(typeof (wrong.json() as { error: unknown }).error).toBe('string');
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('target_id', '=', id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['cti_token.issue', 'cti_token.revoke']);
    const again = await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/cti-tokens/${id}`, headers: { cookie: admin }, payload: {} });
    expect(again.statusCode).toBe(404);
  });

  it('records an answered call (JSON, users as an array) on the line, with the operator who answered and the caller sealed', async () => {
    const id = callId();
    await send(
      { event: 'newCall', ...inbound(id), user: ['operator', 'supervisor'], queue: 'hotline' },
      { event: 'answer', ...inbound(id), user: 'operator', answeringNumber: '201' },
      { event: 'hangup', ...inbound(id), cause: 'normalClearing', answeringNumber: '201' },
    );
    const r = await record(id);
    expect(r).toMatchObject({ line_id: lineId, line_number: '000088001234', direction: 'in', outcome: 'answered', answered_by_user_id: f.users.operator, answered_by: 'operator', cause: 'normalClearing', queue: 'hotline', source: 'cti' });
    expect(r.caller_bidx).toBe(t.pii.blindIndex('+8613812345678'));
    expect(t.pii.decrypt(r.caller_enc ?? '')).toBe('+8613812345678');
    expect(r.answered_at).not.toBeNull();
    expect(r.wait_seconds).toBeGreaterThanOrEqual(0);
    expect(r.talk_seconds).toBeGreaterThanOrEqual(0);
    const events = await t.ctx.db.selectFrom('call_events').select('event').where('call_id', '=', r.id).execute();
    expect(events.map((e) => e.event).sort()).toEqual(['answer', 'hangup', 'newCall']);
  });

  it('takes form bodies (user[] arrays, callId, raw FreeSWITCH causes), also from a signed-in browser: no CSRF rule on a token route', async () => {
    const id = callId();
    const base = `direction=in&from=%2B8613912345678&to=${encodeURIComponent('+86 0000 88001234')}&callId=${id}`;
    for (const body of [`event=newCall&${base}&user%5B%5D=Alice&user%5B%5D=Bob`, `event=hangup&${base}&cause=NO_ANSWER`]) {
      const res = await form(body, { cookie: admin });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({});
    }
    const r = await record(id);
    expect(r).toMatchObject({ line_id: lineId, outcome: 'missed', cause: 'NO_ANSWER', answered_at: null, talk_seconds: 0 });
    const offer = await t.ctx.db.selectFrom('call_events').select('users').where('call_id', '=', r.id).where('event', '=', 'newCall').executeTakeFirstOrThrow();
    expect(JSON.parse(offer.users ?? '[]')).toEqual(['Alice', 'Bob']);
  });

  it('keeps an anonymous caller without a number, and a call to an unknown number unlinked', async () => {
    const id = callId();
    await send({ event: 'newCall', ...inbound(id, { from: 'anonymous', to: '0000-99990000' }) }, { event: 'hangup', ...inbound(id, { from: 'anonymous', to: '0000-99990000' }), cause: 'cancel' });
    expect(await record(id)).toMatchObject({ caller_enc: null, caller_bidx: null, line_id: null, line_number: '0000-99990000', outcome: 'abandoned' });
  });

  it('rejects a blocked caller on newCall (every time it is asked) and records the call as rejected', async () => {
    const block = await t.app.inject({ method: 'POST', url: '/api/v1/admin/blocked-numbers', headers: { cookie: admin }, payload: { number: '137-0000-9999', note: '骚扰电话' } });
    expect(block.statusCode, block.body).toBe(201);
    expect(block.json()).toMatchObject({ number: '137****9999' });
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/admin/blocked-numbers', headers: { cookie: admin }, payload: { number: '+8613700009999' } })).statusCode).toBe(409);
    const id = callId();
    for (let i = 0; i < 2; i++) {
      const res = await json({ event: 'newCall', ...inbound(id, { from: '13700009999' }) });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe('{"action":"reject","reason":"busy"}');
    }
    await send({ event: 'hangup', ...inbound(id, { from: '13700009999' }), cause: 'normalClearing' });
    expect((await record(id)).outcome).toBe('rejected');
    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/admin/blocked-numbers', headers: { cookie: admin } });
    const item = (listed.json() as { items: Array<{ id: string; number: string }> }).items[0];
    expect(item?.number).toBe('137****9999');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/blocked-numbers/${item?.id}`, headers: { cookie: admin }, payload: {} })).statusCode).toBe(204);
    expect((await json({ event: 'newCall', ...inbound(callId(), { from: '13700009999' }) })).json()).toEqual({});
  });

  it('refuses calls to a line that takes none (accepts_voice = 0): Zammad\'s reject, every delivery, recorded as rejected and why; nothing pops or waits for a callback', async () => {
    const textOnly = await t.app.inject({
      method: 'POST', url: '/api/v1/admin/lines', headers: { cookie: admin },
      payload: { number: '0000-88007777', name: '信访局长短信', ownerTitle: '信访局局长', mode: 'direct', isPublic: true, acceptsVoice: false, acceptsSms: true, serviceHours: { weekly: {}, onHolidays: 'open' } },
    });
    expect(textOnly.statusCode, textOnly.body).toBe(201);
    const textLine = (textOnly.json() as { id: string }).id;
    const id = callId();
    const to = { to: '+86 0000 88007777' };
    for (let i = 0; i < 2; i++) {
      const res = await json({ event: 'newCall', ...inbound(id, to) });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ action: 'reject', reason: 'busy' });
    }
    // A bridge that ignores the reject still reports the end: the call stays rejected.
    await send({ event: 'hangup', ...inbound(id, to), cause: 'normalClearing' });
    const r = await record(id);
    expect(r).toMatchObject({ line_id: textLine, outcome: 'rejected', answered_at: null });
    const offer = await t.ctx.db.selectFrom('call_events').select('action').where('call_id', '=', r.id).where('event', '=', 'newCall').executeTakeFirstOrThrow();
    expect(offer.action).toBe('reject_no_voice');
    const tasks = await t.ctx.db.selectFrom('callback_tasks').select('id').where('line_id', '=', textLine).execute();
    expect(tasks).toEqual([]);
    // Outbound calls from it (a callback placed by its owner) and lines that take calls are untouched.
    const out = callId();
    expect((await json({ event: 'newCall', direction: 'out', from: '000088007777', to: '13812345678', call_id: out })).json()).toEqual({});
    expect((await json({ event: 'newCall', ...inbound(callId()) })).json()).toEqual({});
    // Switched back on by an admin, the next call rings.
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/lines/${textLine}`, headers: { cookie: admin }, payload: { acceptsVoice: true } })).statusCode).toBe(200);
    expect((await json({ event: 'newCall', ...inbound(callId(), to) })).json()).toEqual({});
  });

  it('counts voicemail as voicemail, not answered', async () => {
    const id = callId();
    await send({ event: 'newCall', ...inbound(id) }, { event: 'answer', ...inbound(id), user: 'voicemail' }, { event: 'hangup', ...inbound(id), cause: 'normalClearing' });
    expect(await record(id)).toMatchObject({ outcome: 'voicemail', answered_by_user_id: null });
  });

  it('is idempotent: every event delivered twice changes nothing', async () => {
    const id = callId();
    const events = [{ event: 'newCall', ...inbound(id) }, { event: 'answer', ...inbound(id), user: 'operator' }, { event: 'hangup', ...inbound(id), cause: 'USER_BUSY' }];
    await send(...events);
    const first = await record(id);
    await sleep(20);
    await send(...events);
    expect(await record(id)).toEqual(first);
    const rows = await t.ctx.db.selectFrom('call_records').select('id').where('external_id', '=', id).execute();
    expect(rows).toHaveLength(1);
    expect(await t.ctx.db.selectFrom('call_events').select('event').where('call_id', '=', first.id).execute()).toHaveLength(3);
  });

  it('takes a burst of concurrent repeated deliveries of one call as one call with one event of each kind', async () => {
    const id = callId();
    const events = [{ event: 'newCall', ...inbound(id) }, { event: 'answer', ...inbound(id), user: 'operator' }, { event: 'hangup', ...inbound(id), cause: 'normalClearing' }];
    const answers = await Promise.all(Array.from({ length: 5 }, () => events).flat().map((e) => json(e)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array.from({ length: 15 }, () => 200));
    const rows = await t.ctx.db.selectFrom('call_records').select(['id', 'outcome', 'ended_at']).where('external_id', '=', id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.ended_at).not.toBeNull();
    expect(await t.ctx.db.selectFrom('call_events').select('event').where('call_id', '=', rows[0]?.id ?? '').execute()).toHaveLength(3);
  });

  it('tolerates order: an answer after the hangup is kept but does not make a missed call answered', async () => {
    const id = callId();
    await send({ event: 'hangup', ...inbound(id), cause: 'noAnswer' }, { event: 'answer', ...inbound(id), user: 'operator' }, { event: 'newCall', ...inbound(id) });
    const r = await record(id);
    expect(r).toMatchObject({ outcome: 'missed', answered_at: null, late_answer: 1, line_id: lineId });
    expect(await t.ctx.db.selectFrom('call_events').select('event').where('call_id', '=', r.id).execute()).toHaveLength(3);
  });

  it('learns the numbers of a call first heard of by a bare hangup from its later events', async () => {
    const id = callId();
    await send({ event: 'hangup', direction: 'in', call_id: id, cause: 'cancel' }, { event: 'newCall', ...inbound(id) });
    expect(await record(id)).toMatchObject({ line_id: lineId, line_number: '000088001234', caller_bidx: t.pii.blindIndex('+8613812345678'), outcome: 'abandoned' });
  });

  it('records outbound calls with the citizen as the other party', async () => {
    const id = callId();
    await send({ event: 'newCall', direction: 'out', from: LINE, to: '13612345678', call_id: id }, { event: 'hangup', direction: 'out', from: LINE, to: '13612345678', call_id: id, cause: 'busy' });
    const r = await record(id);
    expect(r).toMatchObject({ direction: 'out', line_id: lineId, outcome: 'busy', caller_bidx: t.pii.blindIndex('+8613612345678') });
  });

  it('answers 422 in Zammad\'s format for an invalid direction, event or missing call id', async () => {
    const bad = await json({ event: 'newCall', direction: 'sideways', from: '1', to: '2', call_id: 'x' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toEqual({ error: 'Invalid direction!' });
    expect((await json({ event: 'ring', direction: 'in', call_id: 'x' })).statusCode).toBe(422);
    const noId = await json({ event: 'newCall', direction: 'in', from: '1', to: '2' });
    expect(noId.statusCode).toBe(422);
    expect(noId.json()).toEqual({ error: expect.stringContaining('call_id') });
    const formBad = await form('event=newCall&direction=up&call_id=y');
    expect(formBad.statusCode).toBe(422);
    expect(formBad.json()).toEqual({ error: 'Invalid direction!' });
    const nul = await json({ event: 'newCall', direction: 'in', from: 'a\u0000', call_id: 'z' });
    expect(nul.statusCode).toBe(400);
    expect(nul.json()).toEqual({ error: expect.any(String) });
  });

  it('limits events per token: over it, 429 in Zammad\'s format with Retry-After; other tokens go on', async () => {
    await writeLimitsSetting(t.ctx.db, JSON.stringify({ ...DEFAULT_RATE_LIMITS, ctiPerToken: { max: 2, windowSeconds: 86_400 } }), new Date().toISOString());
    try {
      const issued = await t.app.inject({ method: 'POST', url: '/api/v1/admin/cti-tokens', headers: { cookie: admin }, payload: { name: 'runaway bridge' } });
      const path = `/api/v1/cti/${(issued.json() as { token: string }).token}`;
      const id = callId();
      expect((await json({ event: 'newCall', ...inbound(id) }, path)).statusCode).toBe(200);
      expect((await json({ event: 'hangup', ...inbound(id) }, path)).statusCode).toBe(200);
      const over = await json({ event: 'hangup', ...inbound(id) }, path);
      expect(over.statusCode).toBe(429);
      expect(over.json()).toEqual({ error: expect.any(String) });
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      expect((await json({ event: 'newCall', ...inbound(callId()) })).statusCode).toBe(200);
    } finally {
      await writeLimitsSetting(t.ctx.db, JSON.stringify(DEFAULT_RATE_LIMITS), new Date().toISOString());
    }
  });

  it('cuts the token from logged URLs', async () => {
    const { redactTrackingCodes } = await import('../src/lib/log-redaction.js');
    expect(redactTrackingCodes(url)).toBe('/api/v1/cti/[redacted]');
  });
});
