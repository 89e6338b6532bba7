import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inTransaction, writeBehind } from '../src/lib/unit-of-work.js';
import { openCase } from '../src/modules/cases/open-case.js';
import type { ServiceHours } from '../src/modules/org/service.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { PASSWORD, login, seedFixture, type Fixture } from './support/fixtures.js';

const hours: ServiceHours = { weekly: { mon: [['08:00', '22:00']] }, onHolidays: 'closed' };

/** Every insert into audit_log fails from now on, as a full disk or a lost connection would make it. */
async function breakAudit(t: TestContext): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`CREATE TRIGGER audit_down BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit down'); END`.execute(t.ctx.db);
  } else {
    await sql`CREATE FUNCTION audit_down() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit down'; END $$ LANGUAGE plpgsql`.execute(t.ctx.db);
    await sql`CREATE TRIGGER audit_down BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_down()`.execute(t.ctx.db);
  }
}

async function repairAudit(t: TestContext): Promise<void> {
  if (dialect === 'sqlite') await sql`DROP TRIGGER audit_down`.execute(t.ctx.db);
  else await sql`DROP TRIGGER audit_down ON audit_log`.execute(t.ctx.db);
}

/**
 * A write and its audit entry (and events, outbox messages) are one unit of work: when the audit
 * entry cannot be written, the write is not there either. Each row is an audited write through
 * the API and a probe of what it would have changed.
 */
describeDb(`units of work (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let admin: string;
  let operator: string;
  let caseId: string;
  let articleId: string;
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    admin = await login(t.app, 'admin');
    operator = await login(t.app, 'operator');
    caseId = (await openCase(t.ctx, {
      jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency: 'normal', content: '楼道堆放杂物。', actor: { kind: 'staff', userId: f.users.operator },
    })).id;
    articleId = (await t.app.inject({ method: 'POST', url: '/api/v1/admin/kb/articles', headers: { cookie: admin }, payload: { question: '原来的问题', answer: '原来的答复。' } })).json().id;
  });
  afterAll(() => t.close());

  const db = () => t.ctx.db;
  const writes: Array<{ name: string; cookie: () => string; method: 'POST' | 'PATCH' | 'PUT'; url: () => string; body: () => Record<string, unknown>; persisted: () => Promise<boolean> }> = [
    {
      name: 'create a user', cookie: () => admin, method: 'POST', url: () => '/api/v1/admin/users',
      body: () => ({ username: 'ghost', displayName: '幽灵', password: PASSWORD, roles: ['handler'], orgUnitId: f.units.housing }),
      persisted: async () => (await db().selectFrom('users').select('id').where('username', '=', 'ghost').executeTakeFirst()) !== undefined,
    },
    {
      name: 'change a user', cookie: () => admin, method: 'PATCH', url: () => `/api/v1/admin/users/${f.users.handler}`, body: () => ({ displayName: '改过的名字', roles: ['handler', 'supervisor'] }),
      persisted: async () => {
        const name = (await db().selectFrom('users').select('display_name').where('id', '=', f.users.handler).executeTakeFirstOrThrow()).display_name;
        const roles = await db().selectFrom('user_roles').select('role').where('user_id', '=', f.users.handler).execute();
        return name !== 'handler' || roles.length !== 1;
      },
    },
    {
      name: 'create a line', cookie: () => admin, method: 'POST', url: () => '/api/v1/admin/lines',
      body: () => ({ number: '12345999', name: '新线路', mode: 'staffed', ownerTitle: '热线', isPublic: true, serviceHours: hours }),
      persisted: async () => (await db().selectFrom('lines').select('id').where('number', '=', '12345999').executeTakeFirst()) !== undefined,
    },
    {
      name: 'add a unit', cookie: () => admin, method: 'POST', url: () => '/api/v1/admin/org-units', body: () => ({ parentId: f.units.city, name: '幽灵科', kind: 'department' }),
      persisted: async () => (await db().selectFrom('org_units').select('id').where('name', '=', '幽灵科').executeTakeFirst()) !== undefined,
    },
    {
      name: 'write an article', cookie: () => admin, method: 'POST', url: () => '/api/v1/admin/kb/articles', body: () => ({ question: '幽灵问题', answer: '幽灵答复。' }),
      persisted: async () => (await db().selectFrom('kb_articles').select('id').where('question', '=', '幽灵问题').executeTakeFirst()) !== undefined,
    },
    {
      name: 'edit an article', cookie: () => admin, method: 'PATCH', url: () => `/api/v1/admin/kb/articles/${articleId}`, body: () => ({ question: '改过的问题' }),
      persisted: async () => (await db().selectFrom('kb_articles').select('question').where('id', '=', articleId).executeTakeFirstOrThrow()).question !== '原来的问题',
    },
    {
      name: 'keyword rules', cookie: () => admin, method: 'PUT', url: () => '/api/v1/admin/routing/keywords', body: () => ({ rules: [{ unitId: f.units.housing, keywords: ['物业'] }] }),
      persisted: async () => (await db().selectFrom('settings').select('key').where('key', 'like', 'routing_keywords:%').executeTakeFirst()) !== undefined,
    },
    {
      name: 'calendar year', cookie: () => admin, method: 'PUT', url: () => '/api/v1/admin/calendar/2031', body: () => ({ holidays: ['2031-01-01'], makeupWorkdays: [] }),
      persisted: async () => (await db().selectFrom('calendar_years').select('year').where('year', '=', 2031).executeTakeFirst()) !== undefined,
    },
    {
      name: 'issue a token', cookie: () => admin, method: 'POST', url: () => '/api/v1/admin/api-tokens', body: () => ({ userId: f.users.operator, name: 'bridge' }),
      persisted: async () => (await db().selectFrom('api_tokens').select('id').executeTakeFirst()) !== undefined,
    },
    {
      name: 'emergency redirect', cookie: () => operator, method: 'POST', url: () => '/api/v1/contacts/emergency-redirect',
      body: () => ({ channel: 'phone', content: '着火了', redirectNumber: '119', category: 'fire' }),
      persisted: async () => (await db().selectFrom('contacts').select('id').where('case_id', 'is', null).executeTakeFirst()) !== undefined,
    },
    {
      name: 'dispatch a case', cookie: () => operator, method: 'POST', url: () => `/api/v1/cases/${caseId}/dispatch`, body: () => ({ leadUnitId: f.units.housing }),
      persisted: async () => {
        const row = await db().selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow();
        const outbox = await db().selectFrom('outbox').select('id').where('case_id', '=', caseId).execute();
        const events = await db().selectFrom('case_events').select('id').where('case_id', '=', caseId).execute();
        return row.status !== 'received' || outbox.length > 0 || events.length !== 1;
      },
    },
  ];

  it('leaves no write behind when its audit entry fails, for every audited write', async () => {
    await breakAudit(t);
    try {
      for (const w of writes) {
        const res = await t.app.inject({ method: w.method, url: w.url(), headers: { cookie: w.cookie() }, payload: w.body() });
        expect(res.statusCode, `${w.name}: ${res.body}`).toBe(500);
        expect(await w.persisted(), w.name).toBe(false);
      }
    } finally {
      await repairAudit(t);
    }
    // The same requests go through once the audit log works: the failure above was the audit's.
    for (const w of writes) {
      const res = await t.app.inject({ method: w.method, url: w.url(), headers: { cookie: w.cookie() }, payload: w.body() });
      expect(res.statusCode, `${w.name}: ${res.body}`).toBeLessThan(300);
      expect(await w.persisted(), w.name).toBe(true);
    }
  });

  it('joins the caller\'s unit of work instead of starting its own', async () => {
    const failing = inTransaction(t.ctx, async (tx) => {
      // openCase runs its own unit of work when alone; here it must be part of this one.
      await openCase(tx, { jurisdiction: f.jurisdiction, channel: 'phone', type: 'help', urgency: 'normal', content: '会被回滚的工单。', actor: { kind: 'citizen' } });
      throw new Error('rolled back');
    });
    await expect(failing).rejects.toThrow('rolled back');
    expect(await db().selectFrom('cases').select('id').where('content', '=', '会被回滚的工单。').executeTakeFirst()).toBeUndefined();
  });

  // ADR 0080: a write sent behind is not waited for, yet every later read of the unit of work sees
  // it, the unit of work waits for it before committing, and its failure is the unit of work's.
  it('sees a write sent behind in its next read, and commits it', async () => {
    const name = `behind-${Date.now()}`;
    const seen = await inTransaction(t.ctx, async (tx) => {
      await writeBehind(tx.db, async () => {
        await tx.db.insertInto('settings').values({ key: name, value: '"sent behind"', updated_at: new Date().toISOString() }).execute();
      });
      const row = await tx.db.selectFrom('settings').select('value').where('key', '=', name).executeTakeFirst();
      return row?.value;
    });
    expect(seen).toBe('"sent behind"');
    expect(await db().selectFrom('settings').select('key').where('key', '=', name).executeTakeFirst()).toEqual({ key: name });
  });

  it('fails with the first failing write sent behind, and keeps nothing of the unit of work', async () => {
    const content = `写在后面失败的工单 ${Date.now()}`;
    const failing = inTransaction(t.ctx, async (tx) => {
      await openCase(tx, { jurisdiction: f.jurisdiction, channel: 'phone', type: 'help', urgency: 'normal', content, actor: { kind: 'citizen' } });
      await writeBehind(tx.db, async () => {
        await tx.db.insertInto('jurisdictions').values({ id: f.jurisdiction.id, code: 'duplicate-key', name: '重复', timezone: 'Asia/Shanghai', created_at: new Date().toISOString() }).execute();
      });
      // On PostgreSQL this read fails too (the transaction is aborted): the write's error is the one reported.
      await tx.db.selectFrom('cases').select('id').where('content', '=', content).execute();
    });
    await expect(failing).rejects.toThrow(/unique|duplicate/i);
    expect(await db().selectFrom('cases').select('id').where('content', '=', content).executeTakeFirst()).toBeUndefined();
  });

  it('writes at once outside a unit of work', async () => {
    const name = `at-once-${Date.now()}`;
    await writeBehind(t.ctx.db, async () => {
      await t.ctx.db.insertInto('settings').values({ key: name, value: '1', updated_at: new Date().toISOString() }).execute();
    });
    expect(await db().selectFrom('settings').select('key').where('key', '=', name).executeTakeFirst()).toEqual({ key: name });
  });
});
