import { evaluateColdLines } from '../src/modules/cold-lines/monitor.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLine } from '../src/modules/org/service.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

interface Calls { offered: number; answered: number; missed: number; answerRate: number | null; answeredWithin15sRate: number | null; cold: boolean }
type Item = { id: string; number: string; figures: unknown; calls: Calls | null };

describeDb(`Telephony: the 24-h answer rate on the public directory (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let admin: string;
  let cti: string;
  const ids: Record<'warm' | 'cold' | 'quiet' | 'tip' | 'internal', string> = { warm: '', cold: '', quiet: '', tip: '', internal: '' };
  let seq = 0;

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    const add = async (number: string, mode: 'staffed' | 'direct' | 'tip', isPublic = true) =>
      (await createLine(t.ctx.db, {
        jurisdictionId: f.jurisdiction.id, number, name: `line ${number}`, ownerUserId: null, ownerTitle: '局长', mode, isPublic,
        serviceHours: { weekly: {}, onHolidays: 'open' },
      })).id;
    ids.warm = await add('0000-88002001', 'staffed');
    ids.cold = await add('0000-88002002', 'direct');
    ids.quiet = await add('0000-88002003', 'direct');
    ids.tip = await add('0000-88002004', 'tip');
    ids.internal = await add('0000-88002005', 'staffed', false);
    admin = await login(t.app, 'admin');
    const issued = await t.app.inject({ method: 'POST', url: '/api/v1/admin/cti-tokens', headers: { cookie: admin }, payload: { name: 'PBX' } });
    cti = `/api/v1/cti/${(issued.json() as { token: string }).token}`;
  });
  afterAll(() => t.close());

  /** The PBX's wall clock (the jurisdiction's zone) `minutesAgo` before now plus `plus` seconds. */
  const wall = (minutesAgo: number, plus = 0): string =>
    new Intl.DateTimeFormat('sv-SE', { timeZone: f.jurisdiction.timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .format(new Date(Date.now() - minutesAgo * 60_000 + plus * 1000));
  /** One inbound Master.csv row: answered after `wait` s (talking 60 s) or not answered after ringing `wait` s. */
  function cdr(dst: string, minutesAgo: number, wait: number, answered: boolean): string {
    const id = `${1764550800 + ++seq}.${seq}`;
    const [start, answer, end, duration, billsec, disposition] = answered
      ? [wall(minutesAgo), wall(minutesAgo, wait), wall(minutesAgo, wait + 60), wait + 60, 60, 'ANSWERED']
      : [wall(minutesAgo), '', wall(minutesAgo, wait), wait, 0, 'NO ANSWER'];
    return `"","13812345678","${dst}","from-pstn","","PJSIP/trunk-1","PJSIP/201-2","Dial","PJSIP/201","${start}","${answer}","${end}",${duration},${billsec},"${disposition}","DOCUMENTATION","${id}"`;
  }
  async function importRows(rows: string[]): Promise<void> {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/admin/call-records/import', headers: { cookie: admin }, payload: { csv: rows.join('\n') } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ imported: rows.length, rejected: [] });
  }
  async function ctiCall(to: string, events: Array<Record<string, string>>): Promise<void> {
    const call = `ar-${++seq}`;
    for (const e of events) {
      const res = await t.app.inject({ method: 'POST', url: cti, payload: { direction: 'in', from: '13912345678', to, call_id: call, ...e } });
      expect(res.statusCode, res.body).toBe(200);
    }
  }
  /** After the worker's cold-line pass, which keeps the snapshot the directory serves (ADR 0041). */
  async function directory(): Promise<Map<string, Item>> {
    await evaluateColdLines(t.ctx);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/lines' });
    expect(res.statusCode).toBe(200);
    return new Map((res.json() as { items: Item[] }).items.map((i) => [i.id, i]));
  }

  it('shows no call data (rates null, not cold) before any call, keeping the existing fields', async () => {
    const d = await directory();
    expect(d.get(ids.warm)?.calls).toEqual({ offered: 0, answered: 0, missed: 0, answerRate: null, answeredWithin15sRate: null, cold: false });
    expect(d.get(ids.warm)).toHaveProperty('figures');
    expect(d.has(ids.internal)).toBe(false);
  });

  it('counts the last 24 h of inbound calls per line, from CTI events and imported CDRs, and flags a cold line', async () => {
    // Warm line: 17 imported calls answered after 8 s, 2 CTI calls answered at once, 1 CTI call missed,
    // 1 CTI call still ringing (not counted), 1 outbound call (not counted) → 19 / 20 = 95 %: not cold.
    await importRows(Array.from({ length: 17 }, (_, i) => cdr('88002001', 60 + i, 8, true)));
    await ctiCall('000088002001', [{ event: 'newCall' }, { event: 'answer', user: 'operator' }, { event: 'hangup', cause: 'normalClearing' }]);
    await ctiCall('+86 0000 88002001', [{ event: 'newCall' }, { event: 'answer', user: 'operator' }, { event: 'hangup', cause: 'normalClearing' }]);
    await ctiCall('0000-88002001', [{ event: 'newCall' }, { event: 'hangup', cause: 'noAnswer' }]);
    await ctiCall('0000-88002001', [{ event: 'newCall' }]);
    const out = await t.app.inject({ method: 'POST', url: cti, payload: { event: 'newCall', direction: 'out', from: '000088002001', to: '13612345678', call_id: `ar-out-${++seq}` } });
    expect(out.statusCode).toBe(200);
    await t.app.inject({ method: 'POST', url: cti, payload: { event: 'hangup', direction: 'out', from: '000088002001', to: '13612345678', call_id: `ar-out-${seq}`, cause: 'noAnswer' } });

    // Cold line: 3 answered after 5 s, 1 answered after 20 s (16 s would also be late), 1 not answered
    // → answered 4 / 5 = 80 %, within 15 s 3 / 5 = 60 %: cold. Plus 2 missed calls 25 h ago: not counted.
    await importRows([
      cdr('88002002', 30, 5, true), cdr('88002002', 31, 5, true), cdr('88002002', 32, 5, true), cdr('88002002', 33, 20, true),
      cdr('88002002', 34, 40, false), cdr('88002002', 25 * 60, 30, false), cdr('88002002', 25 * 60 + 5, 30, false),
    ]);
    // Quiet line: only calls older than 24 h → no call data.
    await importRows([cdr('88002003', 24 * 60 + 2, 30, false), cdr('88002003', 26 * 60, 5, true)]);
    // Tip line: its calls are never counted in public.
    await importRows([cdr('88002004', 10, 50, false)]);

    const d = await directory();
    expect(d.get(ids.warm)?.calls).toEqual({ offered: 20, answered: 19, missed: 1, answerRate: 0.95, answeredWithin15sRate: 0.95, cold: false });
    expect(d.get(ids.cold)?.calls).toEqual({ offered: 5, answered: 4, missed: 1, answerRate: 0.8, answeredWithin15sRate: 0.6, cold: true });
    expect(d.get(ids.quiet)?.calls).toEqual({ offered: 0, answered: 0, missed: 0, answerRate: null, answeredWithin15sRate: null, cold: false });
    expect(d.get(ids.tip)?.calls).toBeNull();
    expect(d.get(ids.tip)?.figures).toBeNull();
  });

  it('turns a line cold when one more call is missed (19 / 21 ≈ 90.5 %)', async () => {
    await ctiCall('000088002001', [{ event: 'newCall' }, { event: 'hangup', cause: 'cancel' }]);
    const calls = (await directory()).get(ids.warm)?.calls;
    expect(calls).toMatchObject({ offered: 21, answered: 19, missed: 2, cold: true });
    expect(calls?.answerRate).toBeCloseTo(19 / 21, 10);
  });
});
