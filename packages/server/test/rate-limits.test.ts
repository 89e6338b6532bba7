import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { purgeExpiredCounters, writeLimitsSetting } from '../src/modules/limits/repository.js';
import { countAttempt } from '../src/modules/limits/service.js';
import { PASSWORD, login, seedFixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/** Day-long windows, so no test straddles a window's end; small public limits, so tests stay short. */
const LIMITS: RateLimitSettings = {
  loginPerUsername: { max: 5, windowSeconds: 86_400 },
  loginPerAddress: { max: 20, windowSeconds: 86_400 },
  appealPerAddress: { max: 3, windowSeconds: 86_400 },
  appealPerPhone: { max: 2, windowSeconds: 86_400 },
  trackingPerAddress: { max: 4, windowSeconds: 86_400 },
  smsPerSender: { max: 3, windowSeconds: 86_400 },
  ctiPerToken: { max: 3, windowSeconds: 86_400 },
  publicDataPerAddress: { max: 3, windowSeconds: 86_400 },
  open311PerKey: { max: 3, windowSeconds: 86_400 },
  attachmentPerAddress: { max: 3, windowSeconds: 86_400 },
};
const LOGIN = '/api/v1/auth/login';
const APPEALS = '/api/v1/public/appeals';

describeDb(`rate limits (${dialect})`, () => {
  let t: TestContext;
  /** A second process: its own connection to the same database, its own app. */
  let second: { database: Database; app: FastifyInstance };
  /** Behind one reverse proxy (TRUST_PROXY=1), and behind a listed proxy address. */
  let proxied: FastifyInstance;
  let listed: FastifyInstance;
  /** PUBLIC_RATE_LIMITS=0 */
  let unlimited: FastifyInstance;
  let admin: string;
  let adminUserId: string;

  const app = async (config: Partial<Parameters<typeof buildApp>[0]['config']>, database: Database = t.database) => {
    const a = await buildApp({ config: { logLevel: 'silent', webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false, ...config }, database, pii: t.pii });
    await a.ready();
    return a;
  };

  beforeAll(async () => {
    t = await createTestContext();
    const f = await seedFixture(t.ctx);
    adminUserId = f.users.admin;
    await writeLimitsSetting(t.ctx.db, JSON.stringify(LIMITS), new Date().toISOString());
    const database = openDatabase(t.databaseConfig);
    second = { database, app: await app({}, database) };
    proxied = await app({ trustProxy: 1 });
    listed = await app({ trustProxy: ['10.0.0.1'] });
    unlimited = await app({ publicRateLimits: false });
    admin = await login(t.app, 'admin');
  });
  afterAll(async () => {
    for (const a of [second.app, proxied, listed, unlimited]) await a.close();
    await second.database.close();
    await t.close();
  });

  const tryLogin = (a: FastifyInstance, username: string, o: { password?: string; remoteAddress?: string; headers?: Record<string, string> } = {}) =>
    a.inject({ method: 'POST', url: LOGIN, payload: { username, password: o.password ?? 'wrong guess' }, remoteAddress: o.remoteAddress ?? '192.0.2.1', headers: o.headers ?? {} });
  const failedAudits = async (username: string) =>
    (await t.ctx.db.selectFrom('audit_log').select('detail').where('action', '=', 'auth.login_failed').execute()).filter(
      (r) => (JSON.parse(r.detail) as { username?: string }).username === username,
    ).length;

  it('evaluates at most the limit of a burst of 40 concurrent wrong passwords; the right one is then refused', async () => {
    const burst = await Promise.all(Array.from({ length: 40 }, () => tryLogin(t.app, 'supervisor', { remoteAddress: '192.0.2.10' })));
    const codes = burst.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(35);
    // Only the evaluated guesses reached the password check (each audited).
    expect(await failedAudits('supervisor')).toBe(5);
    const right = await tryLogin(t.app, 'supervisor', { password: PASSWORD, remoteAddress: '192.0.2.10' });
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('counts one username across two server processes and across addresses', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await tryLogin(i % 2 === 0 ? t.app : second.app, 'official', { remoteAddress: `198.51.100.${i + 1}` })).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await tryLogin(second.app, 'official', { password: PASSWORD, remoteAddress: '198.51.100.99' })).statusCode).toBe(429);
  });

  it('counts one address across usernames; a success clears the username and gives the address its attempt back', async () => {
    const from = { remoteAddress: '203.0.113.50' };
    // Four wrong, then right: the username starts afresh, and the address is charged only the four.
    for (let i = 0; i < 4; i++) expect((await tryLogin(t.app, 'handler', from)).statusCode).toBe(401);
    expect((await tryLogin(t.app, 'handler', { ...from, password: PASSWORD })).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await tryLogin(t.app, 'handler', from)).statusCode).toBe(401);
    // 8 so far from this address; 12 more wrong usernames reach 20, the 21st is refused.
    for (let i = 0; i < 12; i++) expect((await tryLogin(t.app, `nobody${i}`, from)).statusCode).toBe(401);
    const refused = await tryLogin(t.app, 'nobody-else', from);
    expect(refused.statusCode).toBe(429);
    expect((await tryLogin(t.app, 'nobody-else', { remoteAddress: '203.0.113.51' })).statusCode).toBe(401);
  });

  it('does not let a client pick its own address with X-Forwarded-For', async () => {
    // Behind one proxy (10.0.0.1), which appends the real client: forged entries to its left are ignored.
    const viaProxy = (i: number) => tryLogin(proxied, `spoof${i}`, { remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': `100.64.${i}.1, 203.0.113.77` } });
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) codes.push((await viaProxy(i)).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    expect(codes[20]).toBe(429);
    // With a list of proxies, a client that is not one of them cannot send X-Forwarded-For at all.
    const direct = (i: number) => tryLogin(listed, `direct${i}`, { remoteAddress: '203.0.113.78', headers: { 'x-forwarded-for': `100.64.${i}.2` } });
    for (let i = 0; i < 20; i++) expect((await direct(i)).statusCode).toBe(401);
    expect((await direct(20)).statusCode).toBe(429);
    // The listed proxy itself is believed.
    expect((await tryLogin(listed, 'direct-x', { remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': '203.0.113.79' } })).statusCode).toBe(401);
  });

  const appeal = (a: FastifyInstance, phone: string, remoteAddress: string, n: number) =>
    a.inject({ method: 'POST', url: APPEALS, remoteAddress, payload: { name: '王五', phone, content: `第${n}号楼电梯${n}天没修好，老人上下楼困难。` } });

  it('limits the public form per address and per phone number, with 429 and Retry-After', async () => {
    const phones = ['13911110001', '13911110002', '13911110003', '13911110004'];
    const byAddress = [];
    for (let i = 0; i < 4; i++) byAddress.push(await appeal(t.app, phones[i] ?? '', '198.18.0.1', i));
    expect(byAddress.slice(0, 3).map((r) => r.statusCode)).toEqual([201, 201, 201]);
    const refused = byAddress[3];
    expect(refused?.statusCode).toBe(429);
    expect(refused?.json().error.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
    // One phone number from fresh addresses: the third is refused.
    const byPhone = [];
    for (let i = 0; i < 3; i++) byPhone.push((await appeal(t.app, '13922220000', `198.18.1.${i + 1}`, 10 + i)).statusCode);
    // The second may be added to the first as a repeat (200) or open its own case (201).
    expect(byPhone.map((c) => (c < 300 ? 'taken' : c))).toEqual(['taken', 'taken', 429]);
    // Written the other way, it is the same number.
    expect((await appeal(t.app, '+86 139 2222 0000', '198.18.1.9', 20)).statusCode).toBe(429);
  });

  it('limits tracking look-ups (and ratings) per address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push((await t.app.inject({ method: 'GET', url: `/api/v1/public/appeals/GUESS${i}ABCDEFGHJK`, remoteAddress: '198.18.2.1' })).statusCode);
    }
    expect(codes).toEqual([404, 404, 404, 404, 429]);
    const rating = await t.app.inject({ method: 'POST', url: '/api/v1/public/appeals/GUESSABCDEFGHJK/rating', remoteAddress: '198.18.2.1', payload: { solved: true, satisfaction: 'satisfied' } });
    expect(rating.statusCode).toBe(429);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/appeals/GUESSABCDEFGHJK', remoteAddress: '198.18.2.2' })).statusCode).toBe(404);
  });

  it('turns the public limits off under PUBLIC_RATE_LIMITS=0, but never sign-in throttling', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await appeal(unlimited, `1393333000${i}`, '198.18.3.1', 30 + i)).statusCode);
    expect(codes).toEqual([201, 201, 201, 201, 201]);
    for (let i = 0; i < 6; i++) {
      expect((await unlimited.inject({ method: 'GET', url: '/api/v1/public/appeals/GUESSABCDEFGHJK', remoteAddress: '198.18.3.1' })).statusCode).toBe(404);
    }
    const logins: number[] = [];
    for (let i = 0; i < 6; i++) logins.push((await tryLogin(unlimited, 'transport-handler', { remoteAddress: '198.18.3.1' })).statusCode);
    expect(logins).toEqual([401, 401, 401, 401, 401, 429]);
    const view = await unlimited.inject({ method: 'GET', url: '/api/v1/admin/rate-limits', headers: { cookie: admin } });
    expect(view.json().publicLimitsEnabled).toBe(false);
  });

  it('lets an admin read and change the limits (validated, audited), applied at once by every process', async () => {
    const get = await t.app.inject({ method: 'GET', url: '/api/v1/admin/rate-limits', headers: { cookie: admin } });
    expect(get.statusCode).toBe(200);
    expect(get.json()).toMatchObject({ limits: LIMITS, defaults: DEFAULT_RATE_LIMITS, publicLimitsEnabled: true });
    const operator = await login(t.app, 'operator');
    const forbidden = await t.app.inject({ method: 'PUT', url: '/api/v1/admin/rate-limits', headers: { cookie: operator }, payload: { limits: LIMITS } });
    expect(forbidden.statusCode).toBe(403);
    // The limits hold for every jurisdiction: a city's admin who is no platform admin may read them, not change them.
    const cityAdmin = await t.app.inject({ method: 'PUT', url: '/api/v1/admin/rate-limits', headers: { cookie: admin }, payload: { limits: LIMITS } });
    expect(cityAdmin.statusCode).toBe(403);
    await t.ctx.db.insertInto('user_roles').values({ user_id: adminUserId, role: 'platform_admin' }).execute();
    const bad = await t.app.inject({ method: 'PUT', url: '/api/v1/admin/rate-limits', headers: { cookie: admin }, payload: { limits: { ...LIMITS, appealPerPhone: { max: 0, windowSeconds: 60 } } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('limits.appealPerPhone.max');

    // One more appeal per address: the address refused above (3 of 3) gets one more, through the other process.
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/admin/rate-limits', headers: { cookie: admin }, payload: { limits: { ...LIMITS, appealPerAddress: { max: 5, windowSeconds: 86_400 } } } });
    expect(put.statusCode).toBe(200);
    expect(put.json().limits.appealPerAddress.max).toBe(5);
    // Counted so far from 198.18.0.1: 4 (3 taken, 1 refused); the 5th is allowed, the 6th not.
    expect((await appeal(second.app, '13944440001', '198.18.0.1', 40)).statusCode).toBe(201);
    expect((await appeal(second.app, '13944440002', '198.18.0.1', 41)).statusCode).toBe(429);
    const audit = await t.ctx.db.selectFrom('audit_log').select('detail').where('action', '=', 'settings.rate_limits').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ before: { appealPerAddress: { max: 3 } }, after: { appealPerAddress: { max: 5 } } });
  });

  it('counts every refusal per scope and day for admins, and keeps no address or phone in clear', async () => {
    const view = (await t.app.inject({ method: 'GET', url: '/api/v1/admin/rate-limits', headers: { cookie: admin } })).json() as {
      refusals: Array<{ day: string; scope: string; count: number }>;
    };
    const today = new Date().toISOString().slice(0, 10);
    const count = (scope: string) => view.refusals.find((r) => r.scope === scope && r.day === today)?.count ?? 0;
    // Username: 35 of the burst and the right password after it, official's 6th and right one, transport-handler's 6th.
    expect(count('loginPerUsername')).toBe(35 + 1 + 2 + 1);
    // Address: the burst's last 20 and the right one after it (one address), then one each in three tests.
    expect(count('loginPerAddress')).toBe(20 + 1 + 3);
    expect(count('appealPerAddress')).toBe(2);
    expect(count('appealPerPhone')).toBe(2);
    expect(count('trackingPerAddress')).toBe(2);
    const keys = (await t.ctx.db.selectFrom('rate_counters').select('key').execute()).map((r) => r.key).join(' ');
    for (const clear of ['198.18.0.1', '13922220000', '+8613922220000', 'supervisor', '203.0.113.77']) expect(keys).not.toContain(clear);
  });

  it('sweeps windows that are over, and only those', async () => {
    const longAgo = new Date(Date.now() - 3 * 86_400_000);
    const old = await countAttempt(t.ctx, { scope: 'appealPerPhone', key: '+8613955550000', now: longAgo });
    const current = await countAttempt(t.ctx, { scope: 'appealPerPhone', key: '+8613955550000' });
    expect(old.windowStart < current.windowStart).toBe(true);
    // Counting sweeps now and then by itself (1 in PURGE_EVERY): the old window may be gone already.
    const before = await t.ctx.db.selectFrom('rate_counters').select('window_start').where('key', '=', current.key).execute();
    expect(await purgeExpiredCounters(t.ctx.db, new Date().toISOString())).toBe(before.length - 1);
    const left = await t.ctx.db.selectFrom('rate_counters').select('window_start').where('key', '=', current.key).execute();
    expect(left.map((r) => r.window_start)).toEqual([current.windowStart]);
  });
});
