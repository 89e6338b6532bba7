import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { InProcessLiveBus, useLiveBus, type LiveBus } from '../src/modules/live/bus.js';
import { LISTENER_NAME, type PgLiveBus } from '../src/modules/live/pg-bus.js';
import { startLiveBus } from '../src/modules/live/start.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { waitFor as waitUntil } from './support/wait.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/** Changes from elsewhere are heard within milliseconds; two seconds is the bound the ADR states. */
const waitFor = (what: string, check: () => boolean | Promise<boolean>, ms = 2_000): Promise<void> => waitUntil(what, check, ms, 10);

/**
 * ADR 0078: on PostgreSQL a signed-in read may be authorised from the process's session cache;
 * a write never is; every change to sessions, users or roles — made here, by another process or
 * by hand — ends what was remembered; and with its listening connection down the cache is off.
 * On SQLite there is no cache: the same checks show every request reading its session.
 */
describeDb(`The session cache (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let app: FastifyInstance;
  let bus: LiveBus;
  let before: LiveBus;

  const me = async (cookie: string) => app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
  const rolesOf = async (cookie: string): Promise<string[] | null> => {
    const res = await me(cookie);
    return res.statusCode === 200 ? (res.json() as { user: { roles: string[] } }).user.roles : null;
  };
  /** Runs `change` with the triggers of `table` off: a change nobody is told of, to see what a read is served from. */
  const unheard = async (table: string, change: () => Promise<unknown>): Promise<void> => {
    if (dialect !== 'postgres') return void (await change());
    await sql`ALTER TABLE ${sql.table(table)} DISABLE TRIGGER USER`.execute(t.ctx.db);
    try {
      await change();
    } finally {
      await sql`ALTER TABLE ${sql.table(table)} ENABLE TRIGGER USER`.execute(t.ctx.db);
    }
  };
  const endSessionsOf = (userId: string) => t.ctx.db.deleteFrom('sessions').where('user_id', '=', userId).execute();

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    // As main.ts: the bus first (PostgreSQL: LISTEN/NOTIFY), then the app, which finds it there.
    bus = await startLiveBus(t.databaseConfig, t.database, { warn: () => undefined, error: () => undefined }, { snapshotMs: 500, reconnectMs: 100 });
    before = useLiveBus(bus);
    app = await buildApp({ config: { logLevel: 'silent', webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false }, database: t.database, pii: t.pii });
    // PostgreSQL: the cache is used only once its channel is listened to (a LISTEN in flight now).
    if (dialect === 'postgres') await waitFor('the cache to listen', async () => (await app.inject({ method: 'GET', url: '/metrics' })).body.includes('openline_session_cache_listening 1'));
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    useLiveBus(before ?? new InProcessLiveBus());
    await bus?.close();
    await t.close();
  });

  it('a read may be served from memory; a write always reads the session, and is refused once it is gone', async () => {
    const cookie = await login(app, 'supervisor');
    expect((await me(cookie)).statusCode).toBe(200);
    await unheard('sessions', () => endSessionsOf(f.users.supervisor));
    // PostgreSQL: the read is authorised by what was remembered (nobody was told); SQLite reads the row.
    expect((await me(cookie)).statusCode).toBe(dialect === 'postgres' ? 200 : 401);
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie }, payload: {} })).statusCode).toBe(401);
  });

  it('shows on /metrics whether the cache is in use, how full, and how often it answered', async () => {
    const cookie = await login(app, 'admin');
    for (let i = 0; i < 3; i++) expect((await me(cookie)).statusCode).toBe(200);
    const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    const value = (name: string): number | undefined => {
      const line = text.split('\n').find((l) => l.startsWith(`${name} `));
      return line === undefined ? undefined : Number(line.slice(name.length + 1));
    };
    if (dialect === 'sqlite') {
      expect(value('openline_session_cache_listening')).toBeUndefined();
      return;
    }
    expect(value('openline_session_cache_listening')).toBe(1);
    expect(value('openline_session_cache_entries')).toBeGreaterThanOrEqual(1);
    expect(value('openline_session_cache_reads{result="hit"}')).toBeGreaterThanOrEqual(2);
    expect(value('openline_session_cache_reads{result="miss"}')).toBeGreaterThanOrEqual(1);
  });

  it('signing out here refuses the next read at once', async () => {
    const cookie = await login(app, 'official');
    expect((await me(cookie)).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie }, payload: {} })).statusCode).toBe(204);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('an admin’s change here (roles, then disabling) holds for the next read at once', async () => {
    const admin = await login(app, 'admin');
    const cookie = await login(app, 'handler');
    expect(await rolesOf(cookie)).toEqual(['handler']);
    const patch = (payload: object) => app.inject({ method: 'PATCH', url: `/api/v1/admin/users/${f.users.handler}`, headers: { cookie: admin }, payload });
    expect((await patch({ roles: ['handler', 'supervisor'] })).statusCode).toBe(200);
    expect(await rolesOf(cookie)).toEqual(['handler', 'supervisor']);
    expect((await patch({ status: 'disabled' })).statusCode).toBe(200);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it.runIf(dialect === 'postgres')('a change made elsewhere (by hand, another process) is heard: the next reads see it', async () => {
    const cookie = await login(app, 'operator');
    expect(await rolesOf(cookie)).toEqual(['operator']);
    // Another role by hand: the trigger's NOTIFY reaches this process's listening connection.
    await t.ctx.db.insertInto('user_roles').values({ user_id: f.users.operator, role: 'supervisor' }).execute();
    await waitFor('the new role', async () => (await rolesOf(cookie))?.includes('supervisor') === true);
    await t.ctx.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', f.users.operator).execute();
    await waitFor('the account disabled', async () => (await me(cookie)).statusCode === 401);
    await t.ctx.db.updateTable('users').set({ status: 'active' }).where('id', '=', f.users.operator).execute();
  });

  it.runIf(dialect === 'postgres')('with its listening connection lost the cache is off, and starts again when it is back', async () => {
    const pgBus = bus as PgLiveBus;
    const cookie = await login(app, 'operator');
    expect((await me(cookie)).statusCode).toBe(200);
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ${LISTENER_NAME} AND datname = current_database()`.execute(t.ctx.db);
    await waitFor('the connection seen lost', () => !pgBus.listening);
    // Unheard, and nothing remembered is used: the read finds the session gone.
    await unheard('sessions', () => endSessionsOf(f.users.operator));
    expect((await me(cookie)).statusCode).toBe(401);
    await waitFor('listening again', () => pgBus.listening, 5_000);
    const again = await login(app, 'operator');
    expect((await me(again)).statusCode).toBe(200);
    await unheard('sessions', () => endSessionsOf(f.users.operator));
    expect((await me(again)).statusCode).toBe(200);
  });
});
