import { afterAll, beforeAll, expect, it } from 'vitest';
import { publishToRole, publishToUsers } from '../src/modules/live/publish.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { openSse, type SseClient } from './support/sse.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeDb(`Live events: the SSE stream over real HTTP (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let base: string;
  const cookies: Record<string, string> = {};
  const open: SseClient[] = [];
  const connect = async (username: string): Promise<SseClient> => {
    const c = await openSse(base, '/api/v1/live', { cookie: cookies[username] ?? '' });
    open.push(c);
    return c;
  };

  beforeAll(async () => {
    t = await createTestContext({ live: { heartbeatMs: 100, maxStreamsPerUser: 2, maxStreamMs: 60_000 } });
    f = await seedFixture(t.ctx);
    for (const u of ['operator', 'supervisor', 'handler']) cookies[u] = await login(t.app, u);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await t.close();
  });

  it('refuses a stream without a session (401 JSON, not a stream)', async () => {
    const c = await connect('nobody');
    expect(c.status).toBe(401);
    expect(String(c.headers['content-type'])).toContain('application/json');
    // An integration's token acts as an account but is not the person at the screen (ADR 0006).
    const issued = await t.app.inject({ method: 'POST', url: '/api/v1/admin/api-tokens', headers: { cookie: await login(t.app, 'admin') }, payload: { userId: f.users.operator, name: 'bridge' } });
    const viaToken = await openSse(base, '/api/v1/live', { authorization: `Bearer ${(issued.json() as { token: string }).token}` });
    open.push(viaToken);
    expect(viaToken.status).toBe(403);
  });

  it('streams text/event-stream: ready first, heartbeats, then only the events addressed to this person', async () => {
    const op = await connect('operator');
    const handler = await connect('handler');
    expect(op.status).toBe(200);
    expect(op.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(op.headers['cache-control']).toBe('no-store');
    expect(op.headers['x-request-id']).toBeTruthy();
    await op.next('ready');
    await handler.next('ready');
    publishToUsers([f.users.operator], 'test.ping', { n: 1, text: '你好' });
    const got = await op.next('test.ping');
    expect(JSON.parse(got.data)).toEqual({ n: 1, text: '你好' });
    expect(got.id).toBe('2');
    await sleep(250);
    expect(op.comments).toBeGreaterThan(0);
    expect(handler.events.map((e) => e.event)).toEqual(['ready']);
  });

  it('publishes to a role in a unit or in units of a kind, active accounts only', async () => {
    const op = await connect('operator');
    const sup = await connect('supervisor');
    await op.next('ready');
    await sup.next('ready');
    const to = await publishToRole(t.ctx, { jurisdictionId: f.jurisdiction.id, role: 'operator', unitKind: 'centre' }, 'test.role', { x: 1 });
    expect(to).toEqual([f.users.operator]);
    await op.next('test.role');
    const toSup = await publishToRole(t.ctx, { jurisdictionId: f.jurisdiction.id, role: 'supervisor', orgUnitId: f.units.housing }, 'test.role', { x: 2 });
    expect(toSup).toEqual([f.users.housingSupervisor]);
    await sleep(100);
    expect(sup.events.filter((e) => e.event === 'test.role')).toEqual([]);
    await t.ctx.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', f.users.operator).execute();
    expect(await publishToRole(t.ctx, { jurisdictionId: f.jurisdiction.id, role: 'operator', unitKind: 'centre' }, 'test.role', {})).toEqual([]);
    await t.ctx.db.updateTable('users').set({ status: 'active' }).where('id', '=', f.users.operator).execute();
    expect(() => publishToUsers([f.users.operator], 'Bad Type', {})).toThrow();
  });

  it('caps streams per person by closing the oldest, and forgets a stream when its client goes away', async () => {
    for (const c of open) c.close();
    await sleep(100);
    expect(t.app.liveHub.streamCount(f.users.supervisor)).toBe(0);
    const a = await connect('supervisor');
    const b = await connect('supervisor');
    await a.next('ready');
    await b.next('ready');
    expect(t.app.liveHub.streamCount(f.users.supervisor)).toBe(2);
    const c = await connect('supervisor');
    await c.next('ready');
    await a.ended;
    expect(t.app.liveHub.streamCount(f.users.supervisor)).toBe(2);
    publishToUsers([f.users.supervisor], 'test.cap', {});
    await b.next('test.cap');
    await c.next('test.cap');
    b.close();
    c.close();
    await sleep(150);
    expect(t.app.liveHub.streamCount(f.users.supervisor)).toBe(0);
  });
});
