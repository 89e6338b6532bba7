import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { refreshFigures } from '../src/modules/stats/rollup.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

interface ReturnsItem { unitId: string; dispatched: number; returns: number; returnRate: number | null; arbitrations: number; returningUnitRight: number; returningUnitWrong: number }
interface Summary { key: string; cases: number; dispatched: number; dispatchMedianMinutes: number | null; dispatchP90Minutes: number | null; contacted: number; contactMedianMinutes: number | null; averagePriority: number | null }
interface Fairness { cases: number; byBand: Summary[]; byUrgency: Summary[]; byContacts: Summary[]; byCaller: Summary[]; check: { checked: number; violations: number; caseNumbers: string[] } }

/** The push-back and fairness reports over real cases driven through the API in March 2026. */
describeDb(`push-back and fairness reports (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  const cookies: Record<string, string> = {};
  let now = 0;
  const at = (iso: string | number): void => {
    now = typeof iso === 'number' ? iso : Date.parse(iso);
    vi.setSystemTime(now);
  };
  const later = (minutes: number): void => at(now + minutes * 60_000);
  const ids: Record<string, string> = {};
  const numbers: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    for (const u of ['operator', 'handler', 'transport-handler', 'supervisor', 'housing-supervisor']) cookies[u] = await login(t.app, u);
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterAll(async () => {
    vi.useRealTimers();
    await t.close();
  });

  const ok = async (who: string, id: string, path: string, payload: Record<string, unknown> = {}): Promise<void> => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/${path}`, headers: { cookie: cookies[who] ?? '' }, payload });
    expect(res.statusCode, `${who} ${path}: ${res.body}`).toBe(200);
  };
  const open = async (name: string, phone: string, urgency = 'normal'): Promise<string> => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/cases', headers: { cookie: cookies.operator ?? '' },
      payload: { channel: 'phone', callerPhone: phone, content: '小区路灯不亮，夜间出行不便。', type: 'complaint', urgency },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as { id: string; caseNumber: string };
    ids[name] = body.id;
    numbers[name] = body.caseNumber;
    return body.id;
  };
  const get = async <T>(url: string, who = 'supervisor'): Promise<T> => {
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie: cookies[who] ?? '' } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };

  it('drives returns, arbitrations and repeat contacts', async () => {
    // R1: transport returns, housing returns (second return: to arbitration), the supervisor sends it to transport.
    at('2026-03-03T01:00:00.000Z');
    const r1 = await open('r1', '13800000011');
    await ok('operator', r1, 'dispatch', { leadUnitId: f.units.transport });
    later(5); await ok('transport-handler', r1, 'return', { reason: '不属于交通局职责' });
    later(5); await ok('operator', r1, 'dispatch', { leadUnitId: f.units.housing });
    later(5); await ok('handler', r1, 'return', { reason: '不属于住建局职责' });
    later(5); await ok('supervisor', r1, 'arbitrate', { leadUnitId: f.units.transport, note: '路灯属交通局管养' });
    // R2: housing returns, transport returns, the supervisor sends it to the housing team (both were right).
    later(5);
    const r2 = await open('r2', '13800000012');
    await ok('operator', r2, 'dispatch', { leadUnitId: f.units.housing });
    later(5); await ok('handler', r2, 'return', { reason: '应由物业管理科办理' });
    later(5); await ok('operator', r2, 'dispatch', { leadUnitId: f.units.transport });
    later(5); await ok('transport-handler', r2, 'return', { reason: '不属于交通局职责' });
    later(5); await ok('supervisor', r2, 'arbitrate', { leadUnitId: f.units.housingTeam, note: '物业管理科办理' });

    // F1: one caller, six contacts about the same case (five repeats): dispatched after 10 min, contacted after 60.
    at('2026-03-10T01:00:00.000Z');
    const f1 = await open('f1', '13800000021');
    later(10); await ok('operator', f1, 'dispatch', { leadUnitId: f.units.housing });
    for (let i = 0; i < 5; i++) {
      later(2);
      const res = await t.app.inject({
        method: 'POST', url: `/api/v1/cases/${f1}/contacts`, headers: { cookie: cookies.operator ?? '' },
        payload: { channel: 'phone', callerPhone: '13800000021', content: '再次来电催办路灯。' },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    at('2026-03-10T02:00:00.000Z'); await ok('handler', f1, 'accept');
    await ok('handler', f1, 'contact', { note: '已联系' });
    // F2: urgent, once, dispatched after 30 min. F3: once, never dispatched.
    at('2026-03-11T01:00:00.000Z');
    const f2 = await open('f2', '13800000022', 'urgent');
    later(30); await ok('operator', f2, 'dispatch', { leadUnitId: f.units.transport });
    at('2026-03-12T01:00:00.000Z');
    await open('f3', '13800000023');
    later(1); await refreshFigures(t.ctx);
  });

  it('reports returns per unit and who arbitration found right', async () => {
    const body = await get<{ items: ReturnsItem[] }>('/api/v1/stats/returns?from=2026-03-01&to=2026-03-31');
    const by = new Map(body.items.map((i) => [i.unitId, i]));
    // transport: dispatched R1, R1's arbitration, R2's second dispatch, F2 = 4; returned R1 and R2 = 2.
    // Arbitrations on its returns: R1 (sent back to it: wrong), R2 (sent to the team: right).
    expect(by.get(f.units.transport)).toMatchObject({ dispatched: 4, returns: 2, returnRate: 0.5, arbitrations: 2, returningUnitRight: 1, returningUnitWrong: 1 });
    // housing: dispatched R1 second, R2 first, F1 = 3; returned 2; both arbitrations sent the case elsewhere: right twice.
    expect(by.get(f.units.housing)).toMatchObject({ dispatched: 3, returns: 2, returnRate: 2 / 3, arbitrations: 2, returningUnitRight: 2, returningUnitWrong: 0 });
    expect(by.get(f.units.housingTeam)).toMatchObject({ dispatched: 1, returns: 0, arbitrations: 0 });
    expect(by.has(f.units.centre)).toBe(false);
    // The arbitrations happened on 03-03 (local): a period without that day has none.
    const later = await get<{ items: ReturnsItem[] }>('/api/v1/stats/returns?from=2026-03-04&to=2026-03-31');
    expect(later.items.every((i) => i.arbitrations === 0 && i.returns === 0)).toBe(true);
    // A housing supervisor sees housing and its team only.
    const scoped = await get<{ items: ReturnsItem[] }>('/api/v1/stats/returns?from=2026-03-01&to=2026-03-31', 'housing-supervisor');
    expect(scoped.items.map((i) => i.unitId).sort()).toEqual([f.units.housing, f.units.housingTeam].sort());
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/stats/returns?from=2026-03-31&to=2026-03-01', headers: { cookie: cookies.supervisor ?? '' } });
    expect(bad.json().error.code).toBe('INVALID_PERIOD');
  });

  it('reports waits and priority by band, urgency and contact count, frequent callers apart', async () => {
    const r = await get<Fairness>('/api/v1/stats/fairness?month=2026-03');
    // R1, R2, F1, F2, F3.
    expect(r.cases).toBe(5);
    const key = (list: Summary[], k: string): Summary | undefined => list.find((s) => s.key === k);
    // Contacts by the case's own caller: F1 six → 4+; everyone else once.
    expect(key(r.byContacts, '4+')).toMatchObject({ cases: 1, dispatched: 1, dispatchMedianMinutes: 10, contacted: 1, contactMedianMinutes: 60 });
    expect(key(r.byContacts, '2-3')).toMatchObject({ cases: 0, dispatchMedianMinutes: null, averagePriority: null });
    // '1': R1 and R2 dispatched at once (0 min), F2 after 30, F3 never: waits 0, 0, 30 → median 0, p90 30.
    expect(key(r.byContacts, '1')).toMatchObject({ cases: 4, dispatched: 3, dispatchMedianMinutes: 0, dispatchP90Minutes: 30, contacted: 0 });
    // Six contacts within 30 days, the sixth in March: F1's caller was frequent in March.
    expect(key(r.byCaller, 'frequent')).toMatchObject({ cases: 1 });
    expect(key(r.byCaller, 'others')).toMatchObject({ cases: 4 });
    expect(key(r.byUrgency, 'urgent')).toMatchObject({ cases: 1, dispatchMedianMinutes: 30 });
    expect(key(r.byBand, 'P1')).toMatchObject({ cases: 1 });
    expect(r.check).toEqual({ checked: 5, violations: 0, caseNumbers: [] });
    // Five repeats added nothing: F1 scores like a one-contact normal case of its age (no impact points).
    const f1 = await t.ctx.db.selectFrom('cases').select('priority').where('id', '=', ids.f1 ?? '').executeTakeFirstOrThrow();
    expect(f1.priority).toBeLessThan(20);
  });

  it('the check names a case whose priority counted repeat contacts', async () => {
    // What a bug counting F1's six contacts as six callers would store: 10·log2(6) ≈ 25.85 more.
    await t.ctx.db.updateTable('cases').set((eb) => ({ priority: eb('priority', '+', 25.85) })).where('id', '=', ids.f1 ?? '').execute();
    const r = await get<Fairness>('/api/v1/stats/fairness?month=2026-03');
    expect(r.check).toEqual({ checked: 5, violations: 1, caseNumbers: [numbers.f1] });
    const april = await get<Fairness>('/api/v1/stats/fairness?month=2026-04');
    expect(april).toMatchObject({ cases: 0, check: { checked: 0, violations: 0 } });
  });
});
