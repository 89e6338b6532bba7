import { answerRate, isCaseStatus, normalizePhone } from '@openline/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_CALL_DAYS, planDemoCalls } from '../src/demo/calls.js';
import { DEMO_BEST_UNITS, DEMO_WORST_UNITS } from '../src/demo/performance.js';
import { DEMO_CASE_COUNT, seedDemoIfEmpty, type DemoLog } from '../src/demo/seed.js';
import { HANDLER_UNIT } from '../src/demo/staff.js';
import { createJurisdiction } from '../src/modules/org/service.js';
import { recentLineCalls } from '../src/modules/telephony/answer-rate.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// Fixed, so the determinism check compares like with like; the rules are relative to it.
const NOW = new Date('2026-03-02T09:30:00.000Z');
const CASE_COUNT = DEMO_CASE_COUNT;

function quietLog(): DemoLog & { messages: string[] } {
  const messages: string[] = [];
  return {
    messages,
    info(a: object | string, b?: string) {
      messages.push(typeof a === 'string' ? a : (b ?? ''));
    },
    warn(msg: string) {
      messages.push(msg);
    },
  };
}

async function caseSequence(t: TestContext): Promise<Array<[string, string, string]>> {
  const rows = await t.ctx.db.selectFrom('cases').select(['case_number', 'status', 'content']).orderBy('case_number').execute();
  return rows.map((r) => [r.case_number, r.status, r.content]);
}

async function callSequence(t: TestContext): Promise<Array<[string, string, string | null, string | null]>> {
  const rows = await t.ctx.db.selectFrom('call_records').select(['external_id', 'offered_at', 'outcome', 'caller_bidx']).orderBy('external_id').execute();
  // The blind index differs per data key; whether there is a caller does not.
  return rows.map((r) => [r.external_id, r.offered_at, r.outcome, r.caller_bidx === null ? null : 'caller']);
}

interface UnitFigures {
  unitName: string;
  returns: number;
  overdue: number;
  responseDue: number;
  respondedOnTime: number;
  visits: number;
  solved: number;
  satisfactionRate: number | null;
  responseRate: number | null;
  resolutionRate: number | null;
}

describeDb(`demo data (${dialect})`, () => {
  let t: TestContext;
  let seeded: Awaited<ReturnType<typeof seedDemoIfEmpty>>;
  let seedMs = 0;

  beforeAll(async () => {
    t = await createTestContext();
    const started = performance.now();
    seeded = await seedDemoIfEmpty(t.ctx, { log: quietLog(), now: NOW, caseCount: CASE_COUNT });
    seedMs = performance.now() - started;
    // Seeding goes through the real services case by case: on PostgreSQL on a loaded two-core
    // machine it was measured at 57 s, past the suite's default hook timeout.
  }, 180_000);
  afterAll(() => t.close());

  it('creates one staff user per role, each able to sign in through the API', async () => {
    expect(seeded).toEqual({ usernames: ['admin', 'operator', 'handler', 'supervisor', 'official'], cases: CASE_COUNT, calls: expect.any(Number) });
    const rows = await t.ctx.db
      .selectFrom('users')
      .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
      .select(['users.username', 'user_roles.role'])
      .execute();
    const roles = new Map<string, string[]>();
    for (const r of rows) roles.set(r.username, [...(roles.get(r.username) ?? []), r.role].sort());
    expect(Object.fromEntries(roles)).toEqual({
      // The demo admin runs the demo deployment too (deployment-wide settings such as rate limits).
      admin: ['admin', 'platform_admin'],
      operator: ['operator'],
      handler: ['handler'],
      supervisor: ['supervisor'],
      official: ['official'],
    });
    for (const username of seeded?.usernames ?? []) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ username, password: 'openline-demo' }),
      });
      expect(res.statusCode, username).toBe(200);
    }
    console.info(`demo seed (${dialect}): ${CASE_COUNT} cases in ${Math.round(seedMs)} ms`);
  });

  it('builds 示例市 with its org tree and the published lines', async () => {
    const jurisdictions = await t.ctx.db.selectFrom('jurisdictions').selectAll().execute();
    expect(jurisdictions).toMatchObject([{ code: 'demo-city', name: '示例市', timezone: 'Asia/Shanghai' }]);
    const units = await t.ctx.db.selectFrom('org_units').select(['name', 'kind']).execute();
    const kinds = new Set(units.map((u) => u.kind));
    for (const kind of ['city', 'centre', 'department', 'district', 'street', 'company']) expect(kinds).toContain(kind);
    expect(units.filter((u) => u.kind === 'district')).toHaveLength(3);

    const lines = await t.ctx.db.selectFrom('lines').select(['name', 'mode', 'owner_user_id', 'number']).execute();
    expect(new Set(lines.map((l) => l.mode))).toEqual(new Set(['direct', 'staffed', 'sms_only', 'tip']));
    const official = await t.ctx.db.selectFrom('users').select('id').where('username', '=', 'official').executeTakeFirstOrThrow();
    expect(lines.find((l) => l.name === '市长公开电话')?.owner_user_id).toBe(official.id);
    for (const line of lines) expect(line.number).toMatch(/^0000-/);

    const setting = await t.ctx.db.selectFrom('settings').select('value').where('key', '=', 'demo_seeded_at').executeTakeFirst();
    expect(setting?.value).toBe(NOW.toISOString());
  });

  it('writes the requested number of cases with unique, well-formed numbers inside the last 120 days', async () => {
    const cases = await t.ctx.db.selectFrom('cases').select(['case_number', 'created_at', 'updated_at', 'status']).execute();
    expect(cases).toHaveLength(CASE_COUNT);
    expect(new Set(cases.map((c) => c.case_number)).size).toBe(CASE_COUNT);
    const latest = NOW.getTime() - MINUTE;
    for (const c of cases) {
      expect(c.case_number).toMatch(/^\d{8}-\d{6}$/);
      const created = Date.parse(c.created_at);
      expect(created).toBeLessThanOrEqual(latest);
      expect(created).toBeGreaterThanOrEqual(NOW.getTime() - 121 * DAY);
      expect(Date.parse(c.updated_at)).toBeLessThanOrEqual(latest);
      expect(isCaseStatus(c.status)).toBe(true);
    }
    // A lifecycle, not a pile of new cases: old work closed, recent work at every stage.
    const statuses = new Set(cases.map((c) => c.status));
    for (const s of ['received', 'dispatched', 'in_progress', 'replied', 'closed', 'merged', 'invalid']) expect(statuses).toContain(s);
  });

  it('gives every case a consistent history ending in its current status', async () => {
    const cases = await t.ctx.db.selectFrom('cases').select(['id', 'status', 'created_at']).execute();
    const events = await t.ctx.db
      .selectFrom('case_events')
      .select(['case_id', 'type', 'from_status', 'to_status', 'reason', 'created_at'])
      .orderBy('id')
      .execute();
    const byCase = new Map<string, typeof events>();
    for (const e of events) byCase.set(e.case_id, [...(byCase.get(e.case_id) ?? []), e]);
    for (const c of cases) {
      const history = byCase.get(c.id) ?? [];
      expect(history[0]).toMatchObject({ type: 'created', from_status: null, to_status: 'received', created_at: c.created_at });
      expect(history.at(-1)?.to_status).toBe(c.status);
      for (let i = 1; i < history.length; i++) {
        const [prev, cur] = [history[i - 1], history[i]];
        expect(cur?.from_status).toBe(prev?.to_status);
        expect(Date.parse(cur?.created_at ?? '')).toBeGreaterThan(Date.parse(prev?.created_at ?? ''));
        expect(Date.parse(cur?.created_at ?? '')).toBeLessThanOrEqual(NOW.getTime() - MINUTE);
        if (cur?.type === 'returned' || cur?.type === 'invalidated' || cur?.type === 'merged') expect(cur.reason).toBeTruthy();
      }
    }
  });

  it('seals callers’ personal data and uses valid phone numbers', async () => {
    const rows = await t.ctx.db.selectFrom('cases').select(['caller_phone_enc', 'caller_name_enc', 'address_enc']).execute();
    for (const row of rows) {
      expect(row.caller_phone_enc).not.toBeNull();
      expect(row.caller_phone_enc).not.toContain('+86');
      const phone = t.pii.decrypt(row.caller_phone_enc ?? '');
      expect(phone).toMatch(/^\+861\d{10}$/);
      expect(normalizePhone(phone).ok).toBe(true);
    }
    expect(rows.filter((r) => r.address_enc !== null).length).toBeGreaterThan(CASE_COUNT / 3);
  });

  it('gives the demo handler an in-tray and the operator the whole city', async () => {
    const handler = await t.ctx.db
      .selectFrom('users')
      .innerJoin('org_units', 'org_units.id', 'users.org_unit_id')
      .select(['org_units.id', 'org_units.name'])
      .where('users.username', '=', 'handler')
      .executeTakeFirstOrThrow();
    expect(handler.name).toBe(HANDLER_UNIT);
    const led = await t.ctx.db.selectFrom('cases').select('id').where('lead_unit_id', '=', handler.id).execute();
    expect(led.length).toBeGreaterThan(10);
  });

  it('holds every case with a department to running deadlines, and no finished case to any', async () => {
    const running = await t.ctx.db
      .selectFrom('case_deadlines')
      .innerJoin('cases', 'cases.id', 'case_deadlines.case_id')
      .select(['cases.status as status', 'case_deadlines.kind as kind'])
      .where('case_deadlines.met_at', 'is', null)
      .where('case_deadlines.cancelled_at', 'is', null)
      .execute();
    expect(running.length).toBeGreaterThan(0);
    for (const r of running) expect(['dispatched', 'accepted', 'in_progress']).toContain(r.status);
    const dispatched = await t.ctx.db.selectFrom('cases').select('id').where('status', '=', 'dispatched').execute();
    for (const c of dispatched) {
      const kinds = await t.ctx.db.selectFrom('case_deadlines').select('kind').where('case_id', '=', c.id).where('met_at', 'is', null).where('cancelled_at', 'is', null).execute();
      expect(kinds.map((k) => k.kind).sort()).toEqual(['accept', 'contact', 'resolve']);
    }
    const closed = await t.ctx.db.selectFrom('cases').select(['closed_at', 'replied_at']).where('status', '=', 'closed').where('closed_at_intake', '=', 0).execute();
    expect(closed.every((c) => c.closed_at !== null && c.replied_at !== null)).toBe(true);
  });

  it('computes the figures at once, and they set good departments clearly apart from poor ones', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'operator', password: 'openline-demo' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const figures = async (from: string, to: string): Promise<Map<string, UnitFigures>> => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/stats/units?from=${from}&to=${to}`, headers: { cookie } });
      expect(res.statusCode, res.body).toBe(200);
      return new Map((res.json() as { items: UnitFigures[] }).items.map((i) => [i.unitName, i]));
    };
    // Three months back and the current one (NOW is 2 March 2026).
    const all = await figures('2025-12-01', '2026-03-02');
    const of = (names: readonly string[]): UnitFigures[] => names.map((n) => all.get(n) as UnitFigures);
    const best = of(DEMO_BEST_UNITS);
    const worst = of(DEMO_WORST_UNITS);
    // Every good unit satisfies more citizens than every poor one, by a clear margin.
    const satisfaction = (xs: UnitFigures[]): number[] => xs.map((x) => x.satisfactionRate ?? Number.NaN);
    expect(Math.min(...satisfaction(best)) - Math.max(...satisfaction(worst))).toBeGreaterThan(0.15);
    // And as groups they answer in time and solve more, and run late less.
    const sum = (xs: UnitFigures[], key: keyof Omit<UnitFigures, 'unitName'>): number => xs.reduce((a, x) => a + Number(x[key]), 0);
    const ratio = (xs: UnitFigures[], num: 'respondedOnTime' | 'solved', den: 'responseDue' | 'visits'): number => sum(xs, num) / sum(xs, den);
    expect(ratio(best, 'respondedOnTime', 'responseDue') - ratio(worst, 'respondedOnTime', 'responseDue')).toBeGreaterThan(0.15);
    expect(ratio(best, 'solved', 'visits') - ratio(worst, 'solved', 'visits')).toBeGreaterThan(0.15);
    expect(sum(worst, 'overdue')).toBeGreaterThan(sum(best, 'overdue') + 5);
    // Month over month, the busiest unit improves: satisfaction in February well above December.
    const december = (await figures('2025-12-01', '2025-12-31')).get('东城区城市管理局');
    const february = (await figures('2026-02-01', '2026-02-28')).get('东城区城市管理局');
    expect((february?.satisfactionRate ?? 0) - (december?.satisfactionRate ?? 1)).toBeGreaterThan(0.2);
  });

  it('has a month of calls on the voice lines, every outcome, withheld callers, the operator credited', async () => {
    const rows = await t.ctx.db.selectFrom('call_records').select(['offered_at', 'ended_at', 'outcome', 'line_id', 'caller_bidx', 'answered_by_user_id', 'direction']).execute();
    expect(rows).toHaveLength(seeded?.calls ?? -1);
    expect(rows.length).toBeGreaterThan(2000);
    const since = new Date(NOW.getTime() - DEMO_CALL_DAYS * DAY).toISOString();
    expect(rows.every((r) => r.offered_at >= since && r.ended_at !== null && r.ended_at < NOW.toISOString() && r.line_id !== null)).toBe(true);
    expect([...new Set(rows.map((r) => r.outcome))].sort()).toEqual(['abandoned', 'answered', 'busy', 'missed', 'voicemail']);
    expect(rows.some((r) => r.caller_bidx === null)).toBe(true);
    expect(rows.some((r) => r.direction === 'out')).toBe(true);
    expect(rows.some((r) => r.answered_by_user_id !== null)).toBe(true);
    const events = await t.ctx.db.selectFrom('call_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(events.n)).toBeGreaterThan(2 * rows.length);
  });

  it('shows the district head\'s direct line cold over the last 24 h and the hotline and mayor\'s line fine', async () => {
    const lines = await t.ctx.db.selectFrom('lines').select(['id', 'number', 'mode', 'jurisdiction_id']).execute();
    const calls = await recentLineCalls(t.ctx, lines[0]?.jurisdiction_id ?? '', lines, NOW);
    const of = (number: string) => calls.get(lines.find((l) => l.number === number)?.id ?? '');
    expect(of('0000-66002345')).toMatchObject({ cold: true });
    expect(of('0000-12345')).toMatchObject({ cold: false });
    expect(of('0000-88001234')).toMatchObject({ cold: false });
    expect(of('0000-12345')?.offered).toBeGreaterThan(50);
  });

  it('keeps that picture at any hour of any day: cold and fine lines in every 24 h of a fortnight', () => {
    for (let h = 0; h < 14 * 24; h += 11) {
      const now = new Date(NOW.getTime() + h * 60 * MINUTE);
      const recent = planDemoCalls(now).filter((c) => c.call.direction === 'in' && c.call.offeredAtMs >= now.getTime() - DAY);
      const rate = (line: string) => {
        const on = recent.filter((c) => c.line === line);
        const answered = on.filter((c) => c.call.outcome === 'answered');
        return answerRate({ offered: on.length, answered: answered.length, answeredWithin15s: answered.filter((c) => c.call.waitSeconds <= 15).length });
      };
      expect(rate('district_head').cold, now.toISOString()).toBe(true);
      expect(rate('hotline').cold, now.toISOString()).toBe(false);
      expect(rate('mayor').cold, now.toISOString()).toBe(false);
    }
  });

  it('has the hotline\'s understaffed week in its monthly answer rate', async () => {
    const hotline = await t.ctx.db.selectFrom('lines').select('id').where('number', '=', '0000-12345').executeTakeFirstOrThrow();
    const rows = await t.ctx.db.selectFrom('call_records').select(['offered_at', 'outcome']).where('line_id', '=', hotline.id).where('direction', '=', 'in').execute();
    const rateOf = (from: number, to: number) => {
      const inside = rows.filter((r) => r.offered_at >= new Date(NOW.getTime() - from * DAY).toISOString() && r.offered_at < new Date(NOW.getTime() - to * DAY).toISOString());
      return inside.filter((r) => r.outcome === 'answered').length / inside.length;
    };
    expect(rateOf(17, 10)).toBeLessThan(0.92);
    expect(rateOf(9, 0)).toBeGreaterThan(0.98);
  });

  it('never seeds twice', async () => {
    const log = quietLog();
    expect(await seedDemoIfEmpty(t.ctx, { log, now: NOW })).toBeNull();
    expect(log.messages.join(' ')).toMatch(/not loaded/);
    const [cases, users] = await Promise.all([
      t.ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      t.ctx.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    expect(Number(cases.n)).toBe(CASE_COUNT);
    expect(Number(users.n)).toBe(5);
  });

  it('is deterministic: a second fresh database gets the same cases', async () => {
    const other = await createTestContext();
    try {
      await seedDemoIfEmpty(other.ctx, { log: quietLog(), now: NOW, caseCount: CASE_COUNT });
      expect(await caseSequence(other)).toEqual(await caseSequence(t));
      expect(await callSequence(other)).toEqual(await callSequence(t));
    } finally {
      await other.close();
    }
  }, 180_000);
});

describeDb(`demo data on a database that is in use (${dialect})`, () => {
  it('leaves a database with another jurisdiction untouched', async () => {
    const t = await createTestContext();
    try {
      await createJurisdiction(t.ctx.db, { code: 'real-city', name: '真实市' });
      expect(await seedDemoIfEmpty(t.ctx, { log: quietLog(), now: NOW })).toBeNull();
      const cases = await t.ctx.db.selectFrom('cases').select('id').execute();
      const users = await t.ctx.db.selectFrom('users').select('id').execute();
      expect(cases).toHaveLength(0);
      expect(users).toHaveLength(0);
    } finally {
      await t.close();
    }
  });
});
