import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_RATE_LIMITS } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { createGroupCommit } from '../src/lib/group-commit.js';
import { writeLimitsSetting } from '../src/modules/limits/repository.js';
import { createLine } from '../src/modules/org/service.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

describe('group commit', () => {
  it('gathers what arrives while a batch commits into the next batch, answers each in order, and retries a failed batch item by item', async () => {
    const batches: number[][] = [];
    const commits = createGroupCommit<number, string>(async (items) => {
      batches.push(items);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (items.includes(13)) throw new Error('unlucky');
      return items.map((i) => `#${i}`);
    }, { maxBatch: 10 });
    const settled = await Promise.allSettled(Array.from({ length: 25 }, (_, i) => commits.submit(i)));
    await commits.drain();
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : 'failed'))).toEqual(Array.from({ length: 25 }, (_, i) => (i === 13 ? 'failed' : `#${i}`)));
    // 25 at once: batches of at most 10; the failed one's items again alone, before the rest.
    const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
    expect(batches).toEqual([range(0, 10), range(10, 10), ...range(10, 10).map((i) => [i]), range(20, 5)]);
  });
});

const LINE = '0000-88001234';

describeDb(`CTI webhook under concurrent load: group commit (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let admin: string;
  let url: string;

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    await createLine(t.ctx.db, {
      jurisdictionId: f.jurisdiction.id, number: LINE, name: '市长公开电话', ownerUserId: null, ownerTitle: '', mode: 'staffed', isPublic: true, serviceHours: { weekly: {}, onHolidays: 'open' },
    });
    admin = await login(t.app, 'admin');
    url = `/api/v1/cti/${await issue('load')}`;
  });
  afterAll(() => t.close());

  async function issue(name: string): Promise<string> {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/admin/cti-tokens', headers: { cookie: admin }, payload: { name } });
    return (res.json() as { token: string }).token;
  }
  const post = (app: FastifyInstance, payload: Record<string, unknown>, path = url) => app.inject({ method: 'POST', url: path, payload });
  const call = (id: string, event: string, extra: Record<string, unknown> = {}) => ({ event, direction: 'in', from: '13812345678', to: LINE, call_id: id, ...extra });

  it('answers each request only once its event is durable: a second connection sees it at once', async () => {
    const other = openDatabase(t.databaseConfig);
    try {
      const ids = Array.from({ length: 40 }, (_, i) => `durable-${i}`);
      await Promise.all(ids.map(async (id) => {
        const res = await post(t.app, call(id, 'newCall'));
        expect(res.statusCode).toBe(200);
        const seen = await other.db.selectFrom('call_records').select('id').where('external_id', '=', id).executeTakeFirst();
        expect(seen, id).toBeDefined();
      }));
    } finally {
      await other.close();
    }
  });

  it('spends the per-token limit event by event within a batch: exactly the limit gets through', async () => {
    await writeLimitsSetting(t.ctx.db, JSON.stringify({ ...DEFAULT_RATE_LIMITS, ctiPerToken: { max: 5, windowSeconds: 86_400 } }), new Date().toISOString());
    try {
      const path = `/api/v1/cti/${await issue('limited')}`;
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => post(t.app, call(`limited-${i}`, 'newCall'), path)));
      expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(5);
      expect(answers.filter((a) => a.statusCode === 429)).toHaveLength(7);
      const stored = await t.ctx.db.selectFrom('call_records').select('id').where('external_id', 'like', 'limited-%').execute();
      expect(stored).toHaveLength(5);
    } finally {
      await writeLimitsSetting(t.ctx.db, JSON.stringify(DEFAULT_RATE_LIMITS), new Date().toISOString());
    }
  });

  it('sees an admin\'s new line and new block at once: nothing is cached across batches', async () => {
    await post(t.app, call('before-line', 'newCall', { to: '0000-55550000' }));
    expect((await t.ctx.db.selectFrom('call_records').select('line_id').where('external_id', '=', 'before-line').executeTakeFirstOrThrow()).line_id).toBeNull();
    const created = await t.app.inject({
      method: 'POST', url: '/api/v1/admin/lines', headers: { cookie: admin },
      payload: { number: '0000-55550000', name: '新线路', ownerTitle: '新局', mode: 'staffed', isPublic: true, serviceHours: { weekly: {}, onHolidays: 'open' } },
    });
    expect(created.statusCode, created.body).toBe(201);
    await post(t.app, call('after-line', 'newCall', { to: '000055550000' }));
    expect((await t.ctx.db.selectFrom('call_records').select('line_id').where('external_id', '=', 'after-line').executeTakeFirstOrThrow()).line_id).toBe((created.json() as { id: string }).id);

    expect((await post(t.app, call('before-block', 'newCall', { from: '13600001111' }))).json()).toEqual({});
    await t.app.inject({ method: 'POST', url: '/api/v1/admin/blocked-numbers', headers: { cookie: admin }, payload: { number: '13600001111', note: '' } });
    expect((await post(t.app, call('after-block', 'newCall', { from: '13600001111' }))).json()).toEqual({ action: 'reject', reason: 'busy' });
  });

  it('takes the same calls from two server processes at once: one record per call, one event per kind, every call folded right', async () => {
    const database: Database = openDatabase(t.databaseConfig);
    const second = await buildApp({ config: { logLevel: 'silent', webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false }, database, pii: t.pii });
    try {
      const ids = Array.from({ length: 30 }, (_, i) => `twice-${i}`);
      const sequence = (app: FastifyInstance, id: string, i: number) => async () => {
        for (const e of [call(id, 'newCall'), call(id, 'answer', { user: 'operator' }), call(id, 'hangup', { cause: i % 2 ? 'normalClearing' : 'cancel' })]) {
          const res = await post(app, e);
          expect(res.statusCode, res.body).toBe(200);
        }
      };
      await Promise.all(ids.flatMap((id, i) => [sequence(t.app, id, i)(), sequence(second, id, i)()]));
      const rows = await t.ctx.db.selectFrom('call_records').select(['id', 'external_id', 'outcome', 'ended_at']).where('external_id', 'like', 'twice-%').execute();
      expect(rows).toHaveLength(ids.length);
      expect(rows.every((r) => r.outcome === 'answered' && r.ended_at !== null)).toBe(true);
      const events = await t.ctx.db.selectFrom('call_events').select('call_id').where('call_id', 'in', rows.map((r) => r.id)).execute();
      expect(events).toHaveLength(3 * ids.length);
    } finally {
      await second.close();
      await database.close();
    }
  });
});
