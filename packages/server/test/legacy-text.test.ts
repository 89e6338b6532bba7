import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sealLegacyTexts } from '../src/modules/cases/legacy-text.js';
import { unsealedQuery } from '../src/modules/cases/legacy-text-repository.js';
import { unindexedNamesQuery } from '../src/modules/cases/name-index.js';
import { indexDocument } from '../src/modules/search/store.js';
import { login, seedFixture, submitAppeal } from './support/fixtures.js';
import { queryPlan } from './support/query-plan.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

const CLEAR = '楼上漏水泡坏天花板，回电13698761234，身份证110101199003026416。';

describeDb(`texts stored in clear by an earlier version (${dialect})`, () => {
  let t: TestContext;
  let caseId: string;
  beforeAll(async () => {
    t = await createTestContext();
    await seedFixture(t.ctx);
    const { caseNumber } = await submitAppeal(t.app, { name: '市民', phone: '13500003001', content: CLEAR });
    const row = await t.ctx.db.selectFrom('cases').select(['id', 'jurisdiction_id']).where('case_number', '=', caseNumber).executeTakeFirstOrThrow();
    caseId = row.id;
    // As a version before migration 0016 left it: clear text, no sealed copy, indexed in clear.
    await sql`UPDATE cases SET content = ${CLEAR}, content_enc = NULL`.execute(t.ctx.db);
    await sql`UPDATE contacts SET content = ${CLEAR}, content_enc = NULL`.execute(t.ctx.db);
    await indexDocument(t.ctx.db, t.ctx.dialect, { type: 'case', id: caseId, jurisdictionId: row.jurisdiction_id, text: CLEAR });
  });
  afterAll(() => t.close());

  const searchByPhone = async (): Promise<string> => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/search/cases?q=13698761234', headers: { cookie: await login(t.app, 'operator') } });
    expect(res.statusCode, res.body).toBe(200);
    return res.body;
  };

  it('seals and redacts them once, re-indexes the case, and a second run changes nothing', async () => {
    expect(await searchByPhone()).toContain(caseId);
    expect(await sealLegacyTexts(t.ctx)).toEqual({ cases: 1, contacts: 1 });
    for (const table of ['cases', 'contacts'] as const) {
      const rows = await t.ctx.db.selectFrom(table).select(['content', 'content_enc']).execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.content).toBe('楼上漏水泡坏天花板，回电136****1234，身份证110101********6416。');
      expect(t.pii.decrypt(rows[0]!.content_enc ?? '')).toBe(CLEAR);
    }
    expect(await searchByPhone()).not.toContain(caseId);
    expect(await sealLegacyTexts(t.ctx)).toEqual({ cases: 0, contacts: 0 });
  });

  it.runIf(dialect === 'sqlite')('and the clear text is gone from the SQLite files', async () => {
    const dir = path.dirname(t.sqliteFile ?? '');
    for (const file of readdirSync(dir).map((name) => path.join(dir, name))) {
      expect(readFileSync(file).includes(Buffer.from('13698761234')), path.basename(file)).toBe(false);
    }
  });

  // Asked at every start-up: without these partial indexes each question walked the whole table
  // in id order (over a minute at 10 M cases before the server answered; migration 0067).
  it('asks for what is left to seal or index through indexes that hold only those rows', async () => {
    for (const table of ['cases', 'contacts'] as const) {
      expect(await queryPlan(t.ctx.db, dialect, unsealedQuery(t.ctx.db, table, 200).compile(), { noSort: true })).toContain(`${table}_unsealed`);
    }
    expect(await queryPlan(t.ctx.db, dialect, unindexedNamesQuery(t.ctx.db, '').compile(), { noSort: true })).toContain('cases_name_unindexed');
  });
});
