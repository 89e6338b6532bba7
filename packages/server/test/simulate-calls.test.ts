import { evaluateColdLines } from '../src/modules/cold-lines/monitor.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { simulateCalls, type SimulationResult } from '../../../bench/simulate/simulate.js';
import { createLine } from '../src/modules/org/service.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

const FINE = '0000-88001234';
const COLD = '0000-66002345';

/**
 * `npm run simulate:calls` at a tiny size against the real server listening on a port: 20
 * simulated minutes of a morning peak on two lines at 600×, with more faults than the default
 * so every kind shows up. What the server stored must be exactly what the simulator planned.
 */
describeDb(`call simulator against a real server (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let r: SimulationResult;

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    for (const [number, name] of [[FINE, '市长公开电话'], [COLD, '区长热线']] as const) {
      await createLine(t.ctx.db, {
        jurisdictionId: f.jurisdiction.id, number, name, ownerUserId: null, ownerTitle: '', mode: 'staffed', isPublic: true, serviceHours: { weekly: {}, onHolidays: 'open' },
      });
    }
    const admin = await login(t.app, 'admin');
    const issued = await t.app.inject({ method: 'POST', url: '/api/v1/admin/cti-tokens', headers: { cookie: admin }, payload: { name: 'simulator' } });
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    r = await simulateCalls({
      url: address, token: (issued.json() as { token: string }).token, peakCallsPerHour: 200,
      // 10:00 in Asia/Shanghai: the busiest hour of the profile.
      understaffed: [COLD], startMs: Date.parse('2026-03-02T02:00:00Z'), durationMs: 20 * 60_000, speed: 600, seed: 3, users: ['operator', 'supervisor'],
      connections: 8, utcOffsetHours: 8, faults: { duplicate: 0.1, lateAnswer: 0.15, hangupFirst: 0.05, form: 0.5 },
    });
  }, 120_000);
  afterAll(() => t.close());

  it('sends calls with every fault, discovers the lines from the directory, and every event is accepted', () => {
    expect(r.lines.map((l) => [l.number, l.understaffed]).sort()).toEqual([[COLD, true], [FINE, false]]);
    expect(r.totals.calls).toBeGreaterThan(50);
    for (const k of ['duplicates', 'lateAnswers', 'hangupsFirst', 'anonymous', 'outbound'] as const) expect(r.totals[k], k).toBeGreaterThan(0);
    expect(r.totals.forms).toBeGreaterThan(0);
    expect(r.totals.forms).toBeLessThan(r.totals.deliveries);
    expect(r.report.answers).toEqual({ '200 {}': r.totals.deliveries });
    expect(r.report.networkErrors).toBe(0);
  });

  it('leaves the server holding one record per call with the planned outcome, and one event per distinct event', async () => {
    const rows = await t.ctx.db.selectFrom('call_records').select(['id', 'external_id', 'outcome', 'late_answer', 'caller_bidx', 'line_id', 'direction']).execute();
    expect(rows).toHaveLength(r.totals.calls);
    const byId = new Map(rows.map((row) => [row.external_id, row]));
    for (const c of r.calls) {
      const row = byId.get(c.callId);
      expect(row?.outcome, c.callId).toBe(c.expected);
      expect(row?.late_answer, c.callId).toBe(c.lateAnswer ? 1 : 0);
      expect(row?.caller_bidx === null, c.callId).toBe(c.call.citizen === null);
      expect(row?.line_id, c.callId).not.toBeNull();
      expect(row?.direction).toBe(c.call.direction);
    }
    const events = await t.ctx.db.selectFrom('call_events').select('call_id').execute();
    expect(events).toHaveLength(r.totals.distinctEvents);
  });

  it('moves the directory: the understaffed line is cold with the planned answer rate, the staffed one is not', async () => {
    // The directory serves the worker's snapshot (ADR 0041): one cold-line pass after the traffic.
    await evaluateColdLines(t.ctx);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/lines' });
    const items = (res.json() as { items: Array<{ number: string; calls: { offered: number; answered: number; cold: boolean } }> }).items;
    for (const planned of r.lines) {
      const shown = items.find((i) => i.number === planned.number)?.calls;
      expect(shown, planned.number).toMatchObject({ offered: planned.offered, answered: planned.answered });
    }
    expect(items.find((i) => i.number === COLD)?.calls.cold).toBe(true);
    const fine = r.lines.find((l) => l.number === FINE);
    expect(fine && fine.offered > 0 ? fine.answered / fine.offered : 0).toBeGreaterThan(0.8);
  });
});
