import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { writeLimitsSetting } from '../src/modules/limits/repository.js';
import { createLine, createOrgUnit, createUser } from '../src/modules/org/service.js';
import { refreshFigures } from '../src/modules/stats/rollup.js';
import { openDataMonth } from '../src/modules/transparency/open-data.js';
import { DEFAULT_RATE_LIMITS } from '@openline/core';
import { login, PASSWORD, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

interface Figures { dispatched: number; returns: number; returnRate: number | null; visits: number; solved: number; resolutionRate: number | null; satisfied: number; satisfactionRate: number | null; responseDue: number; respondedOnTime: number; responseRate: number | null; overdue: number }
interface Stats {
  month: string; jurisdiction: Figures; trend: Array<Figures & { month: string }>;
  units: Array<Figures & { unitId: string; unitName: string; last12Months: Figures }>;
  lines: Array<Figures & { lineId: string; number: string; name: string; ownerTitle: string; last12Months: Figures }>;
  ranking: Array<{ unitId: string; volume: number; rank: number | null; responseRate: number | null }>;
}
interface OpenRecord { recordId: string; unit: string; district: string; category: string; placeSuppressed: boolean; status: string; receivedDate: string; visitSolved: boolean | null }

/** Callers whose personal data must never reach the public output; each opens one case. */
const PEOPLE = [
  { phone: '13957468219', name: '吴十', address: '东城区和平街道幸福里小区3栋2单元', id: '11010519491231002X', content: '幸福里小区楼道堆放杂物多日无人清理' },
  { phone: '13811112222', name: '郑一', address: '建设路88号金色家园', content: '金色家园门口公交站牌被撞歪' },
  { phone: '13833334444', name: '冯二', address: '胜利街12号', content: '胜利街菜市场油烟扰民严重' },
  { phone: '13855556666', name: '陈三', address: '光明里5号', content: '光明里赌博窝点举报线索' },
  { phone: '13877778888', name: '褚四', address: '和平路1号', content: '和平路广告牌骚扰电话推销' },
];

/**
 * Real cases through the lifecycle API in March 2026 (Beijing), read back in April from the
 * public routes without a session. Only Date is faked; sessions are opened before.
 */
describeDb(`public figures and open data (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  const cookies: Record<string, string> = {};
  const ids = { publicLine: '', tipLine: '', internalLine: '', street: '' };
  const caseNumbers: string[] = [];
  const trackingCodes: string[] = [];
  const at = (iso: string): void => void vi.setSystemTime(Date.parse(iso));

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    const j = f.jurisdiction.id;
    const district = await createOrgUnit(t.ctx.db, { jurisdictionId: j, parentId: f.units.city, name: '东城区', kind: 'district' });
    ids.street = (await createOrgUnit(t.ctx.db, { jurisdictionId: j, parentId: district.id, name: '和平街道', kind: 'street' })).id;
    await createUser(t.ctx.db, { jurisdictionId: j, orgUnitId: ids.street, username: 'street-handler', displayName: 'sh', password: PASSWORD, roles: ['handler'] });
    const hours = { weekly: {}, onHolidays: 'open' as const };
    ids.publicLine = (await createLine(t.ctx.db, { jurisdictionId: j, number: '0571-12345001', name: '住建局长热线', ownerUserId: f.users.official, ownerTitle: '市住建局局长', mode: 'staffed', isPublic: true, serviceHours: hours })).id;
    ids.tipLine = (await createLine(t.ctx.db, { jurisdictionId: j, number: '0571-12345110', name: '公安举报短信', ownerUserId: null, ownerTitle: '市公安局局长', mode: 'tip', isPublic: true, serviceHours: hours })).id;
    ids.internalLine = (await createLine(t.ctx.db, { jurisdictionId: j, number: '0571-12345999', name: '内部值班线', ownerUserId: null, ownerTitle: '值班室', mode: 'staffed', isPublic: false, serviceHours: hours })).id;
    for (const u of ['operator', 'handler', 'supervisor', 'transport-handler', 'street-handler']) cookies[u] = await login(t.app, u);
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterAll(async () => {
    vi.useRealTimers();
    await t.close();
  });

  const ok = async (who: string, id: string, path: string, payload: object = {}): Promise<void> => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/${path}`, headers: { cookie: cookies[who] ?? '' }, payload });
    expect(res.statusCode, `${who} ${path}: ${res.body}`).toBe(200);
  };
  const open = async (o: { person?: number; type?: string; lineId?: string } = {}): Promise<string> => {
    const p = PEOPLE[o.person ?? 1] ?? PEOPLE[1];
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/cases', headers: { cookie: cookies.operator ?? '' },
      payload: {
        channel: 'phone', callerPhone: p?.phone, callerName: p?.name, address: p?.address, content: p?.content,
        type: o.type ?? 'complaint', ...(p?.id ? { callerIdNumber: p.id } : {}), ...(o.lineId ? { lineId: o.lineId } : {}),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as { id: string; caseNumber: string; trackingCode?: string };
    caseNumbers.push(body.caseNumber);
    if (body.trackingCode) trackingCodes.push(body.trackingCode);
    return body.id;
  };
  const get = (url: string, remoteAddress = '127.0.0.1') => t.app.inject({ method: 'GET', url, remoteAddress });

  it('drives March’s cases through the API', async () => {
    at('2026-03-02T01:00:00.000Z'); // Monday 09:00 Beijing
    // A: on the public line, to housing; contacted at once, solved and satisfied.
    const a = await open({ person: 0, lineId: ids.publicLine });
    await ok('operator', a, 'dispatch', { leadUnitId: f.units.housing });
    await ok('handler', a, 'accept');
    await ok('handler', a, 'contact', { note: '已电话联系' });
    await ok('handler', a, 'reply', { text: '已清理楼道杂物。' });
    await ok('operator', a, 'visit', { solved: true, satisfaction: 'satisfied' });
    // B: on the public line, to transport, which returns it.
    const b = await open({ person: 1, lineId: ids.publicLine });
    await ok('operator', b, 'dispatch', { leadUnitId: f.units.transport });
    await ok('transport-handler', b, 'return', { reason: '不属于本单位职责' });
    // C: no line, a complaint to the district's street: unsolved, unsatisfied. Alone in its cell.
    const c = await open({ person: 2 });
    await ok('operator', c, 'dispatch', { leadUnitId: ids.street });
    await ok('street-handler', c, 'accept');
    await ok('street-handler', c, 'contact', { note: '已联系' });
    await ok('street-handler', c, 'reply', { text: '已约谈商户。' });
    await ok('operator', c, 'visit', { solved: false, satisfaction: 'unsatisfied' });
    // D: the tip line, to housing: in housing's counts, never in a line's or in open data.
    const d = await open({ person: 3, type: 'report', lineId: ids.tipLine });
    await ok('operator', d, 'dispatch', { leadUnitId: f.units.housing });
    // E: invalidated: counts nowhere.
    const e = await open({ person: 4 });
    await ok('operator', e, 'invalidate', { reason: '骚扰推销，非诉求' });
    // Five requests for help to the street: a cell big enough to publish with its place.
    for (let i = 0; i < 5; i++) await ok('operator', await open({ person: 1, type: 'help' }), 'dispatch', { leadUnitId: ids.street });
    at('2026-04-10T02:00:00.000Z');
    await refreshFigures(t.ctx);
  });

  it('publishes March’s figures, worked out by hand, and they match the staff table', async () => {
    const res = await get('/api/v1/public/stats?month=2026-03');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toMatch(/public, max-age=\d+/);
    const s = res.json() as Stats;
    const unit = (id: string) => s.units.find((u) => u.unitId === id);
    // housing: A and D dispatched; one visit (A), solved and satisfied.
    expect(unit(f.units.housing)).toMatchObject({ unitName: '市住建局', dispatched: 2, returns: 0, visits: 1, solved: 1, resolutionRate: 1, satisfactionRate: 1 });
    // transport: B dispatched and returned.
    expect(unit(f.units.transport)).toMatchObject({ dispatched: 1, returns: 1, returnRate: 1, visits: 0, resolutionRate: null });
    // street: C and five help cases; one visit, unsolved.
    expect(unit(ids.street)).toMatchObject({ dispatched: 6, visits: 1, solved: 0, resolutionRate: 0, satisfactionRate: 0 });
    // The city: 2 + 1 + 6 dispatches, visits A and C.
    expect(s.jurisdiction).toMatchObject({ dispatched: 9, returns: 1, visits: 2, solved: 1, resolutionRate: 0.5, satisfied: 1 });
    // Lines: the public line only (A to housing, B to transport); the tip and internal lines never.
    expect(s.lines.map((l) => l.lineId)).toEqual([ids.publicLine]);
    expect(s.lines[0]).toMatchObject({ number: '0571-12345001', ownerTitle: '市住建局局长', dispatched: 2, returns: 1, returnRate: 0.5, visits: 1, solved: 1 });
    expect(s.lines[0]?.last12Months).toMatchObject({ dispatched: 2, visits: 1 });
    expect(s.trend.map((m) => m.month)).toHaveLength(12);
    expect(s.trend[0]?.month).toBe('2025-04');
    expect(s.trend[11]).toMatchObject({ month: '2026-03', dispatched: 9 });
    expect(s.trend[10]).toMatchObject({ month: '2026-02', dispatched: 0, responseRate: null });
    // The composite ranking (h/ranking) over departments, districts and streets, by the same counts.
    const ranked = new Map(s.ranking.map((r) => [r.unitId, r]));
    expect([ranked.get(f.units.housing)?.volume, ranked.get(f.units.transport)?.volume, ranked.get(ids.street)?.volume]).toEqual([2, 1, 6]);
    expect(ranked.has(f.units.centre)).toBe(false);

    const staff = await t.app.inject({ method: 'GET', url: '/api/v1/stats/units?from=2026-03-01&to=2026-03-31', headers: { cookie: cookies.supervisor ?? '' } });
    for (const item of (staff.json() as { items: Array<Figures & { unitId: string; unitName: string }> }).items) {
      const { last12Months, ...pub } = unit(item.unitId) ?? { last12Months: null };
      expect(pub, item.unitId).toEqual(item);
      // Every case is in March, so the year ending in March is March.
      const { unitId: _id, unitName: _name, ...counts } = item;
      expect(last12Months).toEqual(counts);
    }
    // April has nothing yet; the default is the last complete month.
    expect(((await get('/api/v1/public/stats')).json() as Stats).month).toBe('2026-03');
    expect(((await get('/api/v1/public/stats?month=2026-04')).json() as Stats).jurisdiction.dispatched).toBe(0);
  });

  it('refuses a bad or future month with 400 INVALID_MONTH', async () => {
    for (const m of ['2026-13', '2026-3', 'march', '2026-03-01', '2026-05', '9999-12']) {
      for (const path of ['stats', 'open-data/cases.csv', 'open-data/cases.json']) {
        const res = await get(`/api/v1/public/${path}?month=${encodeURIComponent(m)}`);
        expect(res.statusCode, `${path} ${m}`).toBe(400);
        expect((res.json() as { error: { code: string } }).error.code).toBe('INVALID_MONTH');
      }
    }
  });

  it('shows each published non-tip line’s last month next to its number in the directory', async () => {
    const res = await get('/api/v1/public/lines');
    const items = (res.json() as { items: Array<{ id: string; figures: { month: string; dispatched: number; responseRate: number | null; resolutionRate: number | null; satisfactionRate: number | null } | null }> }).items;
    expect(items.map((i) => i.id).sort()).toEqual([ids.publicLine, ids.tipLine].sort());
    expect(items.find((i) => i.id === ids.publicLine)?.figures).toMatchObject({ month: '2026-03', dispatched: 2, resolutionRate: 1, satisfactionRate: 1 });
    expect(items.find((i) => i.id === ids.tipLine)?.figures).toBeNull();
  });

  it('publishes anonymised records with small cells suppressed and no personal data', async () => {
    const csv = await get('/api/v1/public/open-data/cases.csv?month=2026-03');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.rawPayload.subarray(0, 3).toString('hex')).toBe('efbbbf');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]?.split(',')[0]).toBe('recordId');
    const json = await get('/api/v1/public/open-data/cases.json?month=2026-03');
    const records = (json.json() as { month: string; records: OpenRecord[] }).records;
    // A, B, C and five help cases: the tip (D) and the invalid case (E) are not there.
    expect(records).toHaveLength(8);
    expect(lines).toHaveLength(9);
    expect(new Set(records.map((r) => r.recordId)).size).toBe(8);
    expect(records.filter((r) => r.category === 'report')).toEqual([]);
    expect(records.map((r) => r.status)).not.toContain('invalid');
    // C is alone in 东城区 × complaint: no district, no unit. The help cell of five keeps its place.
    const c = records.filter((r) => r.category === 'complaint' && r.placeSuppressed);
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({ district: '', unit: '', visitSolved: false });
    expect(records.filter((r) => r.category === 'help').every((r) => r.district === '东城区' && r.unit === '和平街道' && !r.placeSuppressed)).toBe(true);
    expect(records.find((r) => r.unit === '市住建局')).toMatchObject({ district: '', receivedDate: '2026-03-02', visitSolved: true });

    const caseIds = (await t.ctx.db.selectFrom('cases').select('id').execute()).map((r) => r.id);
    const secrets = [
      ...PEOPLE.flatMap((p) => [p.phone, p.phone.slice(-8), p.name, p.address, p.address.slice(-6), p.content.slice(0, 6), ...(p.id ? [p.id] : [])]),
      ...caseNumbers, ...trackingCodes, ...caseIds, '已清理楼道杂物', '不属于本单位职责', '骚扰推销', '已约谈商户',
    ];
    expect(secrets.length).toBeGreaterThan(40);
    for (const body of [csv.body, json.body]) for (const secret of secrets) expect(body.includes(secret), secret).toBe(false);
    // Read three at a time, the month is the same records in the same order.
    const paged = [];
    for await (const r of (await openDataMonth(t.ctx, { month: '2026-03', pageSize: 3 })).records) paged.push(r);
    expect(paged).toEqual(records);
    // April has no cases yet.
    expect(((await get('/api/v1/public/open-data/cases.json?month=2026-04')).json() as { records: OpenRecord[] }).records).toEqual([]);
  });

  it('serves a data dictionary covering every column', async () => {
    const res = await get('/api/v1/public/open-data/dictionary');
    const d = res.json() as { fields: Array<{ name: string }>; suppression: { minCell: number } };
    const csv = await get('/api/v1/public/open-data/cases.csv?month=2026-03');
    expect(d.fields.map((x) => x.name).join(',')).toBe(csv.body.replace(/^\uFEFF/, '').split('\r\n')[0]);
    expect(d.suppression.minCell).toBe(5);
  });

  it('limits each address like the other public routes', async () => {
    await writeLimitsSetting(t.ctx.db, JSON.stringify({ ...DEFAULT_RATE_LIMITS, publicDataPerAddress: { max: 2, windowSeconds: 86_400 } }), new Date().toISOString());
    const statuses: number[] = [];
    for (const path of ['stats?month=2026-03', 'open-data/cases.csv?month=2026-03', 'open-data/cases.json?month=2026-03']) {
      statuses.push((await get(`/api/v1/public/${path}`, '10.9.9.9')).statusCode);
    }
    expect(statuses).toEqual([200, 200, 429]);
    const refused = await get('/api/v1/public/stats', '10.9.9.9');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await get('/api/v1/public/stats', '10.9.9.10')).statusCode).toBe(200);
  });
});
