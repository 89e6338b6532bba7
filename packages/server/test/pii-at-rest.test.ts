import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { login, seedFixture, submitAppeal } from './support/fixtures.js';

const CITIZENS = [
  { name: '诸葛明亮', phone: '13912349876', address: '高新区科创街道星河湾花园9栋', content: '小区地下车库积水严重，电动车充电有隐患。' },
  { name: '上官婉清', phone: '15011112222', address: '东城区和平街道解放路88号', content: '路口红绿灯时间太短，老人过马路来不及。' },
];

const ID_NUMBER = '11010519491231002X';

describeDb(`personal data at rest (${dialect})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await seedFixture(t.ctx);
    for (const c of CITIZENS) await submitAppeal(t.app, c);
    // An SMS-only line takes the resident ID number too; it is sealed like the rest.
    const operator = await login(t.app, 'operator');
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/cases', headers: { cookie: operator },
      payload: { channel: 'sms', callerPhone: '13966667777', callerName: '司马光明', callerIdNumber: ID_NUMBER, content: '反映拆迁补偿款迟迟未发放。', type: 'complaint' },
    });
    expect(res.statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it('no table holds a submitted name, phone or address in plaintext', async () => {
    const tables = ['cases', 'contacts', 'case_events', 'audit_log'] as const;
    for (const table of tables) {
      const rows = await t.ctx.db.selectFrom(table).selectAll().execute();
      const text = JSON.stringify(rows);
      for (const c of CITIZENS) {
        for (const secret of [c.name, c.phone, c.address, c.phone.slice(3)]) expect(text, `${table}: ${secret}`).not.toContain(secret);
      }
      for (const secret of [ID_NUMBER, '司马光明', '13966667777']) expect(text, `${table}: ${secret}`).not.toContain(secret);
    }
  });

  it.runIf(dialect === 'sqlite')('the SQLite files on disk never contain them either', async () => {
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(t.ctx.db);
    const dir = path.dirname(t.sqliteFile ?? '');
    const files = readdirSync(dir).map((f) => path.join(dir, f));
    expect(files.some((f) => f.endsWith('.db'))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file);
      // The content itself is not personal data and must be there: proves we scanned real pages.
      expect(bytes.includes(Buffer.from(CITIZENS[0]?.content ?? '', 'utf8')) || !file.endsWith('.db')).toBe(true);
      const secrets = [...CITIZENS.flatMap((c) => [c.name, c.phone, c.address, `+86${c.phone}`]), ID_NUMBER, '司马光明', '13966667777'];
      for (const secret of secrets) {
        expect(bytes.includes(Buffer.from(secret, 'utf8')), `${path.basename(file)} contains ${secret}`).toBe(false);
      }
    }
  });
});
