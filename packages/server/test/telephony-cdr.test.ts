import type { CdrImportReport } from '@openline/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLine } from '../src/modules/org/service.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

const IMPORT = '/api/v1/admin/call-records/import';
// Master.csv as Asterisk writes it (no header; text quoted, numbers bare), with loguniqueid on.
const ROWS = [
  '"","13812345678","88001234","from-pstn","""Zhang, San"" <13812345678>","PJSIP/trunk-00000001","PJSIP/201-00000002","Dial","PJSIP/201,30","2026-12-01 09:00:00","2026-12-01 09:00:08","2026-12-01 09:02:08",128,120,"ANSWERED","DOCUMENTATION","1764550800.1",""',
  '"","13912345678","0000-88001234","from-pstn","","PJSIP/trunk-00000003","PJSIP/201-00000004","Dial","PJSIP/201,30","2026-12-01 09:05:00","","2026-12-01 09:05:30",30,0,"NO ANSWER","DOCUMENTATION","1764551100.3","queue-a"',
  '"","anonymous","88001234","from-pstn","","PJSIP/trunk-5","","Dial","PJSIP/202","2026-12-01 10:00:00","","2026-12-01 10:00:02",2,0,"BUSY","DOCUMENTATION","","1764554400.9","","1764554400.9","7"',
  '"","88001234","13612345678","from-internal","","PJSIP/201-6","PJSIP/trunk-7","Dial","PJSIP/trunk/13612345678","2026-12-01 11:00:00","2026-12-01 11:00:05","2026-12-01 11:01:05",65,60,"ANSWERED","DOCUMENTATION","1764558000.11"',
  '"bad","row"',
  '"","13812345678","88001234","from-pstn","","PJSIP/trunk-8","","Dial","","2026-12-01 12:00:00","","2026-12-01 12:00:10",10,0,"HUNG UP","DOCUMENTATION","1764561600.12"',
].join('\n');

describeDb(`Telephony: Asterisk cdr_csv import (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let admin: string;
  let lineId: string;
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    lineId = (await createLine(t.ctx.db, {
      jurisdictionId: f.jurisdiction.id, number: '0000-88001234', name: '市长公开电话', ownerUserId: null, ownerTitle: '市长', mode: 'staffed',
      isPublic: true, serviceHours: { weekly: {}, onHolidays: 'open' },
    })).id;
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t.close());

  const rec = (id: string) => t.ctx.db.selectFrom('call_records').selectAll().where('external_id', '=', id).where('source', '=', 'cdr').executeTakeFirstOrThrow();

  it('imports a file (JSON from the console), reports rejects by line, and reads PBX time in the jurisdiction zone', async () => {
    const res = await t.app.inject({ method: 'POST', url: IMPORT, headers: { cookie: admin }, payload: { csv: ROWS } });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as CdrImportReport;
    expect(report).toMatchObject({ imported: 4, duplicates: 0 });
    expect(report.rejected.map((r) => r.row)).toEqual([5, 6]);
    // A stable code (with what its message needs) beside the English reason: the console translates the code.
    expect(report.rejected[0]).toEqual({ row: 5, code: 'column_count', reason: 'expected 16 to 21 columns, found 2', params: { min: 16, max: 21, found: 2 } });
    expect(report.rejected[1]).toMatchObject({ code: 'unknown_disposition', params: { value: 'HUNG UP' } });
    expect(report.rejected[1]?.reason).toMatch(/disposition/);

    expect(await rec('1764550800.1')).toMatchObject({
      direction: 'in', line_id: lineId, outcome: 'answered', offered_at: '2026-12-01T01:00:00.000Z', answered_at: '2026-12-01T01:00:08.000Z',
      ended_at: '2026-12-01T01:02:08.000Z', wait_seconds: 8, talk_seconds: 120, cause: 'ANSWERED', answered_by: 'PJSIP/201-00000002',
      caller_bidx: t.pii.blindIndex('+8613812345678'),
    });
    expect(await rec('1764551100.3')).toMatchObject({ line_id: lineId, outcome: 'missed', answered_at: null, wait_seconds: 30, talk_seconds: 0 });
    expect(await rec('1764554400.9')).toMatchObject({ outcome: 'busy', caller_enc: null, caller_bidx: null });
    expect(await rec('1764558000.11')).toMatchObject({ direction: 'out', line_id: lineId, caller_bidx: t.pii.blindIndex('+8613612345678') });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'call_records.import').execute();
    expect(audit).toHaveLength(1);
  });

  it('is idempotent on uniqueid: the same rows again (as text/csv from an API client) are duplicates', async () => {
    const issued = await t.app.inject({ method: 'POST', url: '/api/v1/admin/api-tokens', headers: { cookie: admin }, payload: { userId: f.users.admin, name: 'cdr upload' } });
    const token = (issued.json() as { token: string }).token;
    const extra = '"","13512345678","88001234","from-pstn","","PJSIP/trunk-9","","Dial","","2026-12-02 08:00:00","","2026-12-02 08:00:20",20,0,"FAILED","DOCUMENTATION","1764633600.20"';
    const res = await t.app.inject({
      method: 'POST', url: IMPORT, headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, payload: `${ROWS}\r\n${extra}\r\n${extra}\r\n`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ imported: 1, duplicates: 5 });
    expect(await t.ctx.db.selectFrom('call_records').select('id').where('source', '=', 'cdr').execute()).toHaveLength(5);
    expect((await rec('1764633600.20')).outcome).toBe('missed');
  });

  it('files the recent unanswered calls of a file as callback tasks, as the webhook does, once however often imported', async () => {
    // PBX wall-clock time in Beijing, `ago` before now; uniqueids of this test's own.
    const pbx = (ago: number) => new Date(Date.now() + 8 * 3_600_000 - ago).toISOString().slice(0, 19).replace('T', ' ');
    const row = (from: string, ago: number, id: string) =>
      `"","${from}","88001234","from-pstn","","PJSIP/trunk-1","","Dial","","${pbx(ago)}","","${pbx(ago - 20_000)}",20,0,"NO ANSWER","DOCUMENTATION","${id}"`;
    const csv = [row('13700000001', 15 * 60_000, 'cb.1'), row('13700000001', 10 * 60_000, 'cb.2'), row('13700000002', 3 * 86_400_000, 'cb.3')].join('\n');
    const tasks = () => t.ctx.db.selectFrom('callback_tasks').select(['caller_bidx', 'call_count', 'unit_id', 'reason']).where('line_id', '=', lineId).execute();
    for (let i = 0; i < 2; i++) {
      const res = await t.app.inject({ method: 'POST', url: IMPORT, headers: { cookie: admin }, payload: { csv } });
      expect(res.json()).toMatchObject(i === 0 ? { imported: 3, duplicates: 0 } : { imported: 0, duplicates: 3 });
      // The two recent calls of one caller: one task (the line, never open, files them as after hours),
      // for the centre (nobody owns the line); the call of three days ago is history only.
      expect(await tasks()).toEqual([{ caller_bidx: t.pii.blindIndex('+8613700000001'), call_count: 2, unit_id: f.units.centre, reason: 'after_hours' }]);
    }
  });

  it('is for admins only, and a signed-in browser must send JSON', async () => {
    const operator = await login(t.app, 'operator');
    expect((await t.app.inject({ method: 'POST', url: IMPORT, headers: { cookie: operator }, payload: { csv: ROWS } })).statusCode).toBe(403);
    const csrf = await t.app.inject({ method: 'POST', url: IMPORT, headers: { cookie: admin, 'content-type': 'text/csv' }, payload: ROWS });
    expect(csrf.statusCode).toBe(403);
    expect(csrf.json().error.code).toBe('CSRF_REJECTED');
  });
});
