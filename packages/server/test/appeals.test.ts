import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { login, seedFixture, submitAppeal } from './support/fixtures.js';

describeDb(`public appeals (${dialect})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await seedFixture(t.ctx);
  });
  afterAll(() => t.close());

  it('answers with an unguessable tracking code; the tracking page shows the case number once the appeal is processed', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/appeals',
      payload: { name: '李四', phone: '13812345678', content: '小区门口路灯坏了一周，晚上很黑。', address: '东城区和平街道幸福里小区3栋' },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json() as { outcome: string; trackingCode: string };
    expect(body.outcome).toBe('received');
    expect(body.trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{20}$/);

    await t.app.publicIntake.flush();
    const track = await t.app.inject({ method: 'GET', url: `/api/v1/public/appeals/${body.trackingCode}` });
    expect(track.statusCode).toBe(200);
    expect(track.headers['cache-control']).toBe('no-store');
    const tracked = track.json() as { caseNumber: string; status: string; createdAt: string };
    expect(tracked).toMatchObject({ caseNumber: expect.stringMatching(/^\d{8}-\d{6}$/), status: 'received', createdAt: expect.any(String) });
    expect(Date.now() - Date.parse(tracked.createdAt)).toBeLessThan(60_000);
  });

  it('accepts the tracking code as a citizen types it (lower case, dashes)', async () => {
    const { trackingCode, caseNumber } = await submitAppeal(t.app, { name: '王五', phone: '+86 139 0000 1111', content: '咨询一下新生儿落户需要什么材料。' });
    const typed = `${trackingCode.slice(0, 5)}-${trackingCode.slice(5)}`.toLowerCase();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/appeals/${typed}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().caseNumber).toBe(caseNumber);
  });

  it('answers 404 APPEAL_NOT_FOUND for unknown and malformed codes alike', async () => {
    for (const code of ['0123456789ABCDEFGHJK', 'nope']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/appeals/${code}` });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('APPEAL_NOT_FOUND');
    }
  });

  it('refuses bad input with VALIDATION_FAILED and per-field details, and stores nothing', async () => {
    const before = await t.ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: '李四', phone: '12345', content: '路灯坏了一周了。' }, 'phone'],
      [{ name: '', phone: '13812345678', content: '路灯坏了一周了。' }, 'name'],
      [{ name: '李四', phone: '13812345678', content: '短' }, 'content'],
      [{ name: '李四', phone: '13812345678' }, 'content'],
      [{ name: '李四', phone: '13812345678', content: '路灯坏了一周了。', address: 'x'.repeat(201) }, 'address'],
    ];
    for (const [payload, field] of cases) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/appeals', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const err = res.json().error as { code: string; details: Array<{ path: string }> };
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.details.map((d) => d.path)).toContain(field);
    }
    const after = await t.ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('stores personal data sealed and shows it masked to the operator', async () => {
    const phone = '13955556666';
    const { caseNumber } = await submitAppeal(t.app, { name: '欧阳娜娜', phone, content: '楼上装修噪音太大，周末早上七点就开始。', address: '西湖区湖滨街道翠苑一区12幢' });
    const row = await t.ctx.db.selectFrom('cases').selectAll().where('case_number', '=', caseNumber).executeTakeFirstOrThrow();
    const contact = await t.ctx.db.selectFrom('contacts').selectAll().where('case_id', '=', row.id).executeTakeFirstOrThrow();
    for (const stored of [JSON.stringify(row), JSON.stringify(contact)]) {
      expect(stored).not.toContain(phone);
      expect(stored).not.toContain('欧阳娜娜');
      expect(stored).not.toContain('翠苑一区');
    }
    expect(t.pii.decrypt(row.caller_phone_enc ?? '')).toBe('+8613955556666');
    expect(row.caller_phone_bidx).toBe(t.pii.blindIndex('+8613955556666'));

    const cookie = await login(t.app, 'operator');
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/cases?pageSize=5', headers: { cookie } });
    const item = (list.json().items as Array<Record<string, unknown>>).find((i) => i.caseNumber === caseNumber);
    expect(item).toMatchObject({ callerName: '欧***', callerPhone: '139****6666', address: '西湖区湖滨街****' });
    expect(list.body).not.toContain(phone);
  });

  it('writes the contact and the created event in the same transaction as the case', async () => {
    const { caseNumber } = await submitAppeal(t.app, { name: '赵六', phone: '13700001234', content: '公交站台的遮雨棚破损，下雨没法等车。' });
    const row = await t.ctx.db.selectFrom('cases').select(['id', 'status', 'channel']).where('case_number', '=', caseNumber).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'received', channel: 'web' });
    const events = await t.ctx.db.selectFrom('case_events').selectAll().where('case_id', '=', row.id).execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'created', actor_kind: 'citizen', from_status: null, to_status: 'received' });
    const contacts = await t.ctx.db.selectFrom('contacts').select(['outcome', 'channel']).where('case_id', '=', row.id).execute();
    expect(contacts).toEqual([{ outcome: 'opened_case', channel: 'web' }]);
  });

  it('answers an emergency with the number to call now, keeps the contact, and opens no case', async () => {
    const before = await t.ctx.db.selectFrom('cases').select('id').execute();
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/public/appeals',
      payload: { name: '韩七', phone: '13877778888', content: '楼下饭店着火了，浓烟已经冒到三楼！' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'EMERGENCY_REDIRECT', details: [{ path: 'content', message: '119' }] });
    expect(res.json().error.message).toContain('119');
    expect(await t.ctx.db.selectFrom('cases').select('id').execute()).toHaveLength(before.length);
    const contact = await t.ctx.db.selectFrom('contacts').selectAll().where('outcome', '=', 'redirected_119').executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ channel: 'web', case_id: null });
    expect(contact.caller_phone_bidx).toBe(t.pii.blindIndex('+8613877778888'));

    // A false alarm must not block an appeal: the citizen confirms and the case opens.
    const confirmed = await t.app.inject({
      method: 'POST', url: '/api/v1/public/appeals',
      payload: { name: '韩七', phone: '13877778888', content: '楼下饭店着火了，浓烟已经冒到三楼！', confirmNotEmergency: true },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
  });

  it('gives an urgent matter reported on the web urgent deadlines; a near miss stays normal', async () => {
    const urgent = await submitAppeal(t.app, { name: '杨八', phone: '13866665555', content: '我们整栋楼停水三天了，老人孩子都没水喝。' });
    const near = await submitAppeal(t.app, { name: '朱九', phone: '13866664444', content: '小区消防通道被电动车占用，希望清理。' });
    const urgencyOf = async (caseNumber: string) =>
      (await t.ctx.db.selectFrom('cases').select('urgency').where('case_number', '=', caseNumber).executeTakeFirstOrThrow()).urgency;
    expect(await urgencyOf(urgent.caseNumber)).toBe('urgent');
    expect(await urgencyOf(near.caseNumber)).toBe('normal');
  });
});
