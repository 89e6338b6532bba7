import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS, localDate, noticeOutboxBody, noticeText, type NoticeFacts } from '@openline/core';
import { newId } from '../src/lib/ids.js';
import { writeLimitsSetting } from '../src/modules/limits/repository.js';
import { refreshLineCallDays } from '../src/modules/cold-lines/days.js';
import { evaluateColdLines } from '../src/modules/cold-lines/monitor.js';
import { createLine } from '../src/modules/org/service.js';
import { sealParty } from '../src/modules/telephony/parties.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

const MIN = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeDb(`Cold-line monitor: thresholds, callbacks, episodes, figures (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let admin: string;
  let ctiUrl: string;
  let seq = 0;
  let lineSeq = 0;

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    admin = await login(t.app, 'admin');
    const issued = await t.app.inject({ method: 'POST', url: '/api/v1/admin/cti-tokens', headers: { cookie: admin }, payload: { name: 'PBX' } });
    ctiUrl = `/api/v1/cti/${(issued.json() as { token: string }).token}`;
  });
  afterAll(() => t.close());

  /** A fresh line per test, so tests never read each other's calls. */
  async function line(o: { owner?: string | null; mode?: 'direct' | 'staffed' | 'tip'; isPublic?: boolean } = {}): Promise<{ id: string; number: string }> {
    const number = `0000-8810${String(++lineSeq).padStart(4, '0')}`;
    const row = await createLine(t.ctx.db, {
      jurisdictionId: f.jurisdiction.id, number, name: `测试热线${lineSeq}`, ownerUserId: o.owner === undefined ? f.users.teamHandler : o.owner, ownerTitle: '科长',
      mode: o.mode ?? 'direct', isPublic: o.isPublic ?? true, serviceHours: { weekly: {}, onHolidays: 'open' },
    });
    return { id: row.id, number };
  }

  /** One ended call written as the CTI fold would have written it, at a chosen time. */
  async function call(lineId: string, o: { at: Date; outcome: string; wait?: number; direction?: 'in' | 'out'; caller?: string | null }): Promise<void> {
    const sealed = o.caller === null ? null : sealParty(o.caller ?? `1390000${String(++seq).padStart(4, '0')}`, t.ctx.pii);
    const at = o.at.toISOString();
    const ended = new Date(o.at.getTime() + 60_000).toISOString();
    await t.ctx.db.insertInto('call_records').values({
      id: newId(), jurisdiction_id: f.jurisdiction.id, source: 'cti', external_id: `ext-${++seq}`, cti_token_id: null, direction: o.direction ?? 'in',
      line_id: lineId, line_number: 'x', caller_enc: sealed?.enc ?? null, caller_bidx: sealed?.bidx ?? null, queue: null,
      offered_at: at, answered_at: o.outcome === 'answered' ? at : null, ended_at: ended, wait_seconds: o.wait ?? 5, talk_seconds: 30, outcome: o.outcome,
      late_answer: 0, answered_by_user_id: null, answered_by: null, cause: null, case_id: null, contact_id: null, created_at: at, updated_at: new Date().toISOString(),
    }).execute();
  }
  const calls = async (lineId: string, n: number, o: Parameters<typeof call>[1]) => {
    for (let i = 0; i < n; i++) await call(lineId, o);
  };
  const ago = (minutes: number): Date => new Date(Date.now() - minutes * MIN);

  /** After a worker pass: the directory serves the snapshot the cold-line pass keeps (ADR 0041). */
  const directory = async (lineId: string) => {
    await evaluateColdLines(t.ctx);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/lines' });
    expect(res.statusCode).toBe(200);
    return (res.json() as { items: Array<{ id: string; calls: Record<string, unknown> | null }> }).items.find((i) => i.id === lineId);
  };
  const episodes = (lineId: string) => t.ctx.db.selectFrom('cold_line_episodes').selectAll().where('line_id', '=', lineId).orderBy('started_at').execute();
  const alerts = (body: string) => t.ctx.db.selectFrom('outbox').select(['recipient_hint', 'body']).where('template', '=', 'cold_line_alert').where('body', 'like', `%${body}%`).execute();
  const audits = (lineId: string) => t.ctx.db.selectFrom('audit_log').select('action').where('target_id', '=', lineId).where('action', 'like', 'line.cold%').orderBy('id').execute();

  describe('thresholds per line', () => {
    it('an admin sets, reads and resets a line\'s thresholds (audited); bad values are 400, others 403, an unknown line 404', async () => {
      const l = await line();
      const put = await t.app.inject({ method: 'PUT', url: `/api/v1/admin/lines/${l.id}/cold-thresholds`, headers: { cookie: admin }, payload: { answerRate: 0.8, promptSeconds: 30, promptRate: 0.7 } });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json()).toMatchObject({ lineId: l.id, thresholds: { answerRate: 0.8, promptSeconds: 30, promptRate: 0.7, custom: true } });
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/admin/cold-lines', headers: { cookie: admin } });
      expect((list.json() as { items: Array<{ lineId: string; thresholds: unknown }> }).items.find((i) => i.lineId === l.id)?.thresholds).toEqual({ answerRate: 0.8, promptSeconds: 30, promptRate: 0.7, minOffered: 5, custom: true });
      for (const bad of [{ answerRate: 1.5, promptSeconds: 15, promptRate: 0.9 }, { answerRate: 0.9, promptSeconds: 0, promptRate: 0.9 }, { answerRate: 0.9 }]) {
        const res = await t.app.inject({ method: 'PUT', url: `/api/v1/admin/lines/${l.id}/cold-thresholds`, headers: { cookie: admin }, payload: bad });
        expect(res.statusCode).toBe(400);
        expect((res.json() as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
      }
      const supervisor = await login(t.app, 'supervisor');
      const forbidden = await t.app.inject({ method: 'PUT', url: `/api/v1/admin/lines/${l.id}/cold-thresholds`, headers: { cookie: supervisor }, payload: { answerRate: 0.5, promptSeconds: 15, promptRate: 0.5 } });
      expect(forbidden.statusCode).toBe(403);
      const unknown = await t.app.inject({ method: 'PUT', url: `/api/v1/admin/lines/${newId()}/cold-thresholds`, headers: { cookie: admin }, payload: { answerRate: 0.5, promptSeconds: 15, promptRate: 0.5 } });
      expect(unknown.statusCode).toBe(404);
      const reset = await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/lines/${l.id}/cold-thresholds`, headers: { cookie: admin }, payload: {} });
      expect(reset.json()).toMatchObject({ thresholds: { answerRate: 0.95, promptSeconds: 15, promptRate: 0.95, custom: false } });
      const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_user_id']).where('target_id', '=', l.id).where('action', '=', 'line.cold_thresholds').execute();
      expect(audit).toHaveLength(2);
      expect(audit[0]?.actor_user_id).toBe(f.users.admin);
    });

    it('the same calls make one line cold and not another with laxer thresholds; its own prompt seconds count', async () => {
      const strict = await line();
      const lax = await line();
      await t.app.inject({ method: 'PUT', url: `/api/v1/admin/lines/${lax.id}/cold-thresholds`, headers: { cookie: admin }, payload: { answerRate: 0.8, promptSeconds: 30, promptRate: 0.8 } });
      for (const l of [strict, lax]) {
        await calls(l.id, 7, { at: ago(30), outcome: 'answered', wait: 5 });
        await calls(l.id, 2, { at: ago(30), outcome: 'answered', wait: 25 });
        await calls(l.id, 1, { at: ago(30), outcome: 'missed' });
      }
      // 9/10 answered; 7/10 within 15 s; 9/10 within 30 s.
      expect(await directory(strict.id)).toMatchObject({ calls: { offered: 10, answered: 9, missed: 1, answerRate: 0.9, answeredWithin15sRate: 0.7, cold: true } });
      expect(await directory(lax.id)).toMatchObject({ calls: { offered: 10, answered: 9, answerRate: 0.9, answeredWithin15sRate: 0.7, cold: false } });
    });
  });

  describe('callbacks within 1 h', () => {
    it('an answered outbound call from the line to the caller within 1 h counts as answered (CTI webhook); another number or a later call does not', async () => {
      const l = await line();
      const caller = '13812340001';
      const post = async (e: Record<string, unknown>) => {
        const res = await t.app.inject({ method: 'POST', url: ctiUrl, payload: e });
        expect(res.statusCode, res.body).toBe(200);
        await sleep(3);
      };
      const digits = l.number.replace('-', '');
      // A missed call, then the line calls back and the caller picks up.
      await post({ event: 'newCall', direction: 'in', from: caller, to: digits, call_id: `m-${l.id}` });
      await post({ event: 'hangup', direction: 'in', from: caller, to: digits, call_id: `m-${l.id}`, cause: 'noAnswer' });
      await post({ event: 'newCall', direction: 'out', from: digits, to: `+86 ${caller}`, call_id: `cb-${l.id}` });
      await post({ event: 'answer', direction: 'out', from: digits, to: caller, call_id: `cb-${l.id}`, user: 'operator' });
      await post({ event: 'hangup', direction: 'out', from: digits, to: caller, call_id: `cb-${l.id}`, cause: 'normalClearing' });
      // A second missed caller whom nobody reached: the line rang someone else, and a third unanswered callback.
      await post({ event: 'newCall', direction: 'in', from: '13812340002', to: digits, call_id: `m2-${l.id}` });
      await post({ event: 'hangup', direction: 'in', from: '13812340002', to: digits, call_id: `m2-${l.id}`, cause: 'cancel' });
      await post({ event: 'newCall', direction: 'out', from: digits, to: '13812340009', call_id: `o-${l.id}` });
      await post({ event: 'answer', direction: 'out', from: digits, to: '13812340009', call_id: `o-${l.id}` });
      await post({ event: 'hangup', direction: 'out', from: digits, to: '13812340009', call_id: `o-${l.id}` });
      await post({ event: 'newCall', direction: 'out', from: digits, to: '13812340002', call_id: `o2-${l.id}` });
      await post({ event: 'hangup', direction: 'out', from: digits, to: '13812340002', call_id: `o2-${l.id}`, cause: 'noAnswer' });
      // Two calls are too few to call the line cold (ADR 0041), whatever the rate.
      expect(await directory(l.id)).toMatchObject({ calls: { offered: 2, answered: 1, missed: 1, answerRate: 0.5, answeredWithin15sRate: 0, cold: false } });

      // A callback 61 min after the missed call ended is too late.
      const late = await line();
      const missedAt = ago(120);
      await call(late.id, { at: missedAt, outcome: 'missed', caller: '13812340003' });
      await call(late.id, { at: new Date(missedAt.getTime() + 62 * MIN), outcome: 'answered', direction: 'out', caller: '13812340003' });
      const onTime = await line();
      await call(onTime.id, { at: missedAt, outcome: 'missed', caller: '13812340003' });
      await call(onTime.id, { at: new Date(missedAt.getTime() + 50 * MIN), outcome: 'answered', direction: 'out', caller: '13812340003' });
      expect(await directory(late.id)).toMatchObject({ calls: { offered: 1, answered: 0, answerRate: 0 } });
      expect(await directory(onTime.id)).toMatchObject({ calls: { offered: 1, answered: 1, answerRate: 1, answeredWithin15sRate: 0 } });
    });
  });

  describe('episodes', () => {
    it('fires exactly once per episode: alert to the owner and their supervisor, audit entries; recovery ends it, a new drop opens another', async () => {
      const l = await line({ owner: f.users.teamHandler });
      const name = `测试热线${lineSeq}`;
      await calls(l.id, 8, { at: ago(60), outcome: 'answered' });
      await calls(l.id, 2, { at: ago(60), outcome: 'missed' });
      // Two workers at once, and again later: one episode, one alert per recipient.
      await Promise.all([evaluateColdLines(t.ctx), evaluateColdLines(t.ctx)]);
      await evaluateColdLines(t.ctx);
      expect(await episodes(l.id)).toHaveLength(1);
      const first = await alerts(name);
      expect(first.map((a) => a.recipient_hint).sort()).toEqual([f.users.housingSupervisor, f.users.teamHandler].sort());
      expect(first[0]?.body).toContain('近24小时接通率 80%');
      expect(await audits(l.id)).toEqual([{ action: 'line.cold_started' }]);
      expect(await directory(l.id)).toMatchObject({ calls: { cold: true, answerRate: 0.8 } });

      // Recovery: enough answered calls lift the 24 h above 95 %.
      await calls(l.id, 40, { at: ago(10), outcome: 'answered' });
      await evaluateColdLines(t.ctx);
      await evaluateColdLines(t.ctx);
      const ended = await episodes(l.id);
      expect(ended).toHaveLength(1);
      expect(ended[0]?.ended_at).not.toBeNull();
      expect(await alerts(name)).toHaveLength(2);

      // A new drop: a second episode and a second alert.
      await calls(l.id, 10, { at: ago(5), outcome: 'missed' });
      await evaluateColdLines(t.ctx);
      await evaluateColdLines(t.ctx);
      expect(await episodes(l.id)).toHaveLength(2);
      expect(await alerts(name)).toHaveLength(4);
      expect((await audits(l.id)).map((a) => a.action)).toEqual(['line.cold_started', 'line.cold_ended', 'line.cold_started']);
      const admin24 = await t.app.inject({ method: 'GET', url: '/api/v1/admin/cold-lines', headers: { cookie: admin } });
      const item = (admin24.json() as { items: Array<{ lineId: string; current: { cold: boolean; coldSince: string | null } }> }).items.find((i) => i.lineId === l.id);
      expect(item?.current.cold).toBe(true);
      expect(item?.current.coldSince).toBe((await episodes(l.id))[1]?.started_at);
    });

    it('the owner and the supervisor read the alert in their bell with the line and its figures, once, in both languages', async () => {
      const l = await line({ owner: f.users.teamHandler });
      const name = `测试热线${lineSeq}`;
      await calls(l.id, 7, { at: ago(40), outcome: 'answered', wait: 5 });
      await calls(l.id, 1, { at: ago(40), outcome: 'answered', wait: 40 });
      await calls(l.id, 2, { at: ago(40), outcome: 'missed' });
      await evaluateColdLines(t.ctx);
      await evaluateColdLines(t.ctx);
      const expected = {
        kind: 'cold_line_alert', lineId: l.id, lineName: name, lineNumber: l.number,
        offered: 10, answered: 8, calledBack: 0, missed: 2, answerRate: 0.8, promptRate: 0.7,
        thresholds: { answerRate: 0.95, promptSeconds: 15, promptRate: 0.95 },
      };
      for (const who of ['team-handler', 'housing-supervisor']) {
        const res = await t.app.inject({ method: 'GET', url: '/api/v1/notifications?limit=100', headers: { cookie: await login(t.app, who) } });
        expect(res.statusCode, res.body).toBe(200);
        const mine = (res.json() as { items: Array<{ kind: string; caseId: string | null; facts: NoticeFacts | null }> }).items.filter((n) => n.facts?.lineId === l.id);
        // Its own kind, not a bare staff message about nothing.
        expect(mine, who).toEqual([expect.objectContaining({ kind: 'cold_line_alert', caseId: null, facts: expected })]);
        const facts = mine[0]?.facts;
        if (!facts) throw new Error('no facts');
        expect(noticeText(facts, 'zh-CN')).toContain(`${name}（${l.number}）近24小时接通率 80%（8/10，含1小时内回拨 0），15秒内接听率 70%，未接通 2 个；低于标准（接通率 95%`);
        expect(noticeText(facts, 'en')).toContain(`${name} (${l.number}) answered 80% of its calls in the last 24 h (8 of 10`);
      }
      // The outbox (log, e-mail relay) says the same words the bell does.
      const [sent] = await alerts(name);
      expect(sent?.body).toBe(noticeOutboxBody(expected as NoticeFacts));
    });

    it('a line without an owner alerts the jurisdiction\'s supervisors; an idle line neither opens nor ends an episode', async () => {
      const l = await line({ owner: null });
      await calls(l.id, 5, { at: ago(20), outcome: 'missed' });
      await evaluateColdLines(t.ctx);
      const sent = await alerts(`测试热线${lineSeq}`);
      expect(sent.map((a) => a.recipient_hint)).toEqual([`role:supervisor:${f.jurisdiction.id}`]);
      // 25 h later the call has left the window: no figure, the episode stays open.
      await evaluateColdLines(t.ctx, { now: new Date(Date.now() + 25 * 60 * MIN) });
      expect((await episodes(l.id))[0]?.ended_at).toBeNull();
      const idle = await line();
      await evaluateColdLines(t.ctx);
      expect(await episodes(idle.id)).toHaveLength(0);
    });
  });

  describe('a minimum of calls (ADR 0041)', () => {
    it('2 offered and 1 missed is no cold line: no alert, no mark, the figure still shown; a line\'s own minimum of 2 makes it one', async () => {
      const few = await line({ owner: null });
      const name = `测试热线${lineSeq}`;
      await calls(few.id, 1, { at: ago(30), outcome: 'answered' });
      await calls(few.id, 1, { at: ago(30), outcome: 'missed' });
      expect(await directory(few.id)).toMatchObject({ calls: { offered: 2, answered: 1, missed: 1, answerRate: 0.5, cold: false } });
      expect(await episodes(few.id)).toHaveLength(0);
      expect(await alerts(`${name}（`)).toHaveLength(0);
      const rates = await t.app.inject({ method: 'GET', url: '/api/v1/public/lines/answer-rates' });
      const item = (rates.json() as { items: Array<{ id: string; current: Record<string, unknown>; thresholds: Record<string, unknown> }> }).items.find((i) => i.id === few.id);
      expect(item).toMatchObject({ current: { offered: 2, answerRate: 0.5, cold: false, judged: false }, thresholds: { minOffered: 5 } });

      // The admin lowers this line's minimum: the same two calls now make it cold, with one alert.
      const put = await t.app.inject({ method: 'PUT', url: `/api/v1/admin/lines/${few.id}/cold-thresholds`, headers: { cookie: admin }, payload: { answerRate: 0.95, promptSeconds: 15, promptRate: 0.95, minOffered: 2 } });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json()).toMatchObject({ thresholds: { minOffered: 2, custom: true }, current: { cold: true, judged: true } });
      expect(await directory(few.id)).toMatchObject({ calls: { offered: 2, cold: true } });
      expect(await episodes(few.id)).toHaveLength(1);
      expect(await alerts(`${name}（`)).toHaveLength(1);
      const bad = await t.app.inject({ method: 'PUT', url: `/api/v1/admin/lines/${few.id}/cold-thresholds`, headers: { cookie: admin }, payload: { answerRate: 0.95, promptSeconds: 15, promptRate: 0.95, minOffered: 0 } });
      expect(bad.statusCode).toBe(400);
    });

    it('a cold line whose calls fall below the minimum keeps its episode open (no verdict either way)', async () => {
      const l = await line({ owner: null });
      await calls(l.id, 6, { at: ago(23 * 60 + 50), outcome: 'missed' });
      await evaluateColdLines(t.ctx);
      expect(await episodes(l.id)).toHaveLength(1);
      await calls(l.id, 3, { at: ago(5), outcome: 'answered' });
      // 20 min later the six missed calls have left the window: 3 answered calls judge nothing.
      await evaluateColdLines(t.ctx, { now: new Date(Date.now() + 20 * MIN) });
      expect((await episodes(l.id))[0]?.ended_at).toBeNull();
    });
  });

  describe('the public figures are the worker\'s snapshot (ADR 0041)', () => {
    const snapshot = (lineId: string) => t.ctx.db.selectFrom('line_call_snapshots').selectAll().where('line_id', '=', lineId).executeTakeFirst();

    it('serves what the last pass computed, recomputes a snapshot past 2 minutes, and an older computation never replaces a newer one', async () => {
      const l = await line();
      await calls(l.id, 5, { at: ago(30), outcome: 'answered' });
      await evaluateColdLines(t.ctx);
      const taken = await snapshot(l.id);
      expect(taken?.jurisdiction_id).toBe(f.jurisdiction.id);
      // A call after the pass is not shown until the next one: the stated staleness.
      await calls(l.id, 1, { at: ago(1), outcome: 'missed' });
      const served = async () => {
        const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/lines' });
        return (res.json() as { items: Array<{ id: string; calls: { offered: number } }> }).items.find((i) => i.id === l.id)?.calls;
      };
      expect(await served()).toMatchObject({ offered: 5 });
      const rates = await t.app.inject({ method: 'GET', url: '/api/v1/public/lines/answer-rates' });
      const current = (rates.json() as { items: Array<{ id: string; current: { offered: number; computedAt: string } }> }).items.find((i) => i.id === l.id)?.current;
      expect(current).toMatchObject({ offered: 5, computedAt: taken?.computed_at });

      // Past the bound (a stopped worker), the first reader recomputes and stores it for the next.
      const old = new Date(Date.now() - 3 * MIN).toISOString();
      await t.ctx.db.updateTable('line_call_snapshots').set({ computed_at: old }).where('line_id', '=', l.id).execute();
      expect(await served()).toMatchObject({ offered: 6 });
      const renewed = await snapshot(l.id);
      expect(Date.parse(renewed?.computed_at ?? '')).toBeGreaterThan(Date.parse(old));

      // Two workers racing: the slower one's earlier figures do not overwrite the newer ones.
      const { storeSnapshots } = await import('../src/modules/cold-lines/snapshots.js');
      const { currentFigures } = await import('../src/modules/cold-lines/current.js');
      const earlier = new Date(Date.now() - 10 * MIN);
      await storeSnapshots(t.ctx.db, f.jurisdiction.id, await currentFigures(t.ctx.db, f.jurisdiction.id, [l], earlier), earlier);
      expect((await snapshot(l.id))?.computed_at).toBe(renewed?.computed_at);
    });
  });

  describe('figures', () => {
    it('per line per day and month from the rollup, callbacks counted; 接通率 in the accountability figures by line, unit and period', async () => {
      const l = await line({ owner: f.users.teamHandler });
      const tip = await line({ mode: 'tip' });
      const at = ago(90);
      await calls(l.id, 6, { at, outcome: 'answered', wait: 5 });
      await calls(l.id, 1, { at, outcome: 'answered', wait: 40 });
      await call(l.id, { at, outcome: 'abandoned', caller: '13812340077' });
      await call(l.id, { at: new Date(at.getTime() + 20 * MIN), outcome: 'answered', direction: 'out', caller: '13812340077' });
      await calls(l.id, 2, { at, outcome: 'missed' });
      await calls(tip.id, 3, { at, outcome: 'missed' });
      await refreshLineCallDays(t.ctx);
      const today = localDate(at, f.jurisdiction.timezone);
      const row = await t.ctx.db.selectFrom('line_call_days').selectAll().where('line_id', '=', l.id).where('day', '=', today).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ offered: 10, picked_up: 7, within_15s: 6, called_back: 1 });

      const supervisor = await login(t.app, 'supervisor');
      const byDay = await t.app.inject({ method: 'GET', url: `/api/v1/stats/line-calls?from=${today}&to=${today}&by=day&lineId=${l.id}`, headers: { cookie: supervisor } });
      expect(byDay.statusCode, byDay.body).toBe(200);
      const item = (byDay.json() as { items: Array<{ total: Record<string, unknown>; periods: Array<Record<string, unknown>> }> }).items[0];
      expect(item?.total).toEqual({ offered: 10, pickedUp: 7, calledBack: 1, answered: 8, missed: 2, answeredWithin15s: 6, answerRate: 0.8, answeredWithin15sRate: 0.6 });
      expect(item?.periods).toEqual([{ period: today, ...item?.total }]);
      const byMonth = await t.app.inject({ method: 'GET', url: `/api/v1/stats/line-calls?from=${today.slice(0, 7)}-01&to=${today}&by=month`, headers: { cookie: supervisor } });
      const months = (byMonth.json() as { items: Array<{ lineId: string; periods: Array<{ period: string; offered: number }> }> }).items;
      expect(months.find((i) => i.lineId === l.id)?.periods).toEqual([expect.objectContaining({ period: today.slice(0, 7), offered: 10, answerRate: 0.8 })]);
      expect(months.some((i) => i.lineId === tip.id)).toBe(false);
      // A handler of the unit that owns the line sees it; one of another unit does not.
      const transport = await login(t.app, 'transport-handler');
      const other = await t.app.inject({ method: 'GET', url: `/api/v1/stats/line-calls?from=${today}&to=${today}&lineId=${l.id}`, headers: { cookie: transport } });
      expect(other.statusCode).toBe(404);
      const team = await login(t.app, 'team-handler');
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/stats/line-calls?from=${today}&to=${today}&lineId=${l.id}`, headers: { cookie: team } })).statusCode).toBe(200);

      const figures = async (query: string) => {
        const res = await t.app.inject({ method: 'GET', url: `/api/v1/stats/figures?from=${today}&to=${today}&${query}`, headers: { cookie: supervisor } });
        expect(res.statusCode, res.body).toBe(200);
        return res.json() as { total: { answerRate: number | null; callData: boolean }; items: Array<{ key: string; answerRate: number | null; callData: boolean }> };
      };
      const byLine = await figures(`by=line&lineId=${l.id}`);
      expect(byLine.total).toMatchObject({ answerRate: 0.8, callData: true });
      expect(byLine.items.find((i) => i.key === l.id)).toMatchObject({ answerRate: 0.8, callData: true });
      const byUnit = await figures(`by=unit&unitId=${f.units.housing}&subtree=true`);
      const teamRate = byUnit.items.find((i) => i.key === f.units.housing)?.answerRate;
      expect(teamRate).toBeGreaterThan(0);
      const own = await figures(`by=unit&unitId=${f.units.housingTeam}`);
      // The file's lines with calls are the team's (this one and earlier tests'): the same figure.
      expect(own.items.find((i) => i.key === f.units.housingTeam)?.answerRate).toBe(teamRate);
      // Every unit of the city at once: the calls count for the unit owning the line and, with
      // subtree, for each unit above it; a unit owning no line with calls has none (null).
      const all = await figures('by=unit');
      expect(all.items.find((i) => i.key === f.units.housingTeam)?.answerRate).toBe(teamRate);
      expect(all.items.find((i) => i.key === f.units.housing)?.answerRate).toBeNull();
      const allTree = await figures('by=unit&subtree=true');
      expect(allTree.items.find((i) => i.key === f.units.housing)?.answerRate).toBe(teamRate);
      expect(allTree.items.find((i) => i.key === f.units.city)?.answerRate).toBe(teamRate);
      expect(allTree.items.find((i) => i.key === f.units.transport)?.answerRate).toBeNull();
      const byType = await figures('by=type');
      expect(byType.total).toMatchObject({ answerRate: null, callData: true });
    });

    it('the public page lists every published line with its 24 h and month, tip lines null, and is rate-limited', async () => {
      const l = await line();
      const tip = await line({ mode: 'tip' });
      const hidden = await line({ isPublic: false });
      await calls(l.id, 4, { at: ago(15), outcome: 'answered' });
      await calls(l.id, 1, { at: ago(15), outcome: 'missed' });
      await calls(tip.id, 2, { at: ago(15), outcome: 'missed' });
      await refreshLineCallDays(t.ctx);
      await evaluateColdLines(t.ctx);
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/lines/answer-rates' });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { month: string; items: Array<{ id: string; current: Record<string, unknown> | null; month: Record<string, unknown> | null }> };
      expect(body.items.find((i) => i.id === l.id)).toMatchObject({ current: { offered: 5, answerRate: 0.8, cold: true }, month: { offered: 5, answerRate: 0.8 } });
      expect(body.items.find((i) => i.id === tip.id)).toMatchObject({ current: null, month: null });
      expect(body.items.some((i) => i.id === hidden.id)).toBe(false);
      expect(JSON.stringify(body)).not.toMatch(/1390000|1381234/);
      // …and the public figures of the month take 接通率 from the same rollup.
      const stats = await t.app.inject({ method: 'GET', url: `/api/v1/public/stats?month=${body.month}` });
      expect(stats.statusCode, stats.body).toBe(200);
      const s = stats.json() as { lines: Array<{ lineId: string; answerRate: number | null; callData: boolean; last12Months: { answerRate: number | null } }>; trend: Array<{ month: string; answerRate: number | null }> };
      expect(s.lines.find((x) => x.lineId === l.id)).toMatchObject({ answerRate: 0.8, callData: true, last12Months: { answerRate: 0.8 } });
      expect(s.lines.some((x) => x.lineId === tip.id)).toBe(false);
      expect(s.trend.find((x) => x.month === body.month)?.answerRate).not.toBeNull();
      await writeLimitsSetting(t.ctx.db, JSON.stringify({ ...DEFAULT_RATE_LIMITS, publicDataPerAddress: { max: 1, windowSeconds: 3600 } }), new Date().toISOString());
      try {
        const headers = { 'x-forwarded-for': '203.0.113.9' };
        await t.app.inject({ method: 'GET', url: '/api/v1/public/lines/answer-rates', remoteAddress: '203.0.113.9', headers });
        const over = await t.app.inject({ method: 'GET', url: '/api/v1/public/lines/answer-rates', remoteAddress: '203.0.113.9', headers });
        expect(over.statusCode).toBe(429);
        expect((over.json() as { error: { code: string } }).error.code).toBe('TOO_MANY_REQUESTS');
      } finally {
        await writeLimitsSetting(t.ctx.db, JSON.stringify(DEFAULT_RATE_LIMITS), new Date().toISOString());
      }
    });
  });
});
