import { afterAll, beforeAll, expect, it } from 'vitest';
import { fileAppeal, login, seedFixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

describeDb(`web appeals: duplicates applied unattended (${dialect})`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await seedFixture(t.ctx);
  });
  afterAll(() => t.close());

  // Filed and processed at once (ADR 0032), answered with what processing made of it.
  const appeal = (body: Record<string, unknown>) => fileAppeal(t, { name: '市民', ...body });
  const caseByNumber = (caseNumber: string) => t.ctx.db.selectFrom('cases').selectAll().where('case_number', '=', caseNumber).executeTakeFirstOrThrow();

  it('adds a repeat from the same phone to its open case: no new case, same status and priority, a code of its own', async () => {
    const first = await appeal({ phone: '13500000001', content: '锦江小区2栋电梯坏了三天，上下楼很困难，物业不管。' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().outcome).toBe('opened');
    const before = await caseByNumber(first.json().caseNumber);

    const again = await appeal({ phone: '135 0000 0001', content: '锦江小区2栋电梯坏了三天了，上下楼很困难，物业一直不管。' });
    // The form does not prove the phone is the sender's: the answer looks like a new appeal's and
    // never names the case it joined (the sender may be someone else using this number).
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toEqual({ outcome: 'attached', trackingCode: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{20}$/) });
    expect(again.body).not.toContain(first.json().caseNumber);
    expect(again.json().trackingCode).not.toBe(first.json().trackingCode);
    expect(await t.ctx.db.selectFrom('cases').select('id').where('content', 'like', '锦江小区2栋%').execute()).toHaveLength(1);
    const contacts = await t.ctx.db.selectFrom('contacts').select('outcome').where('case_id', '=', before.id).execute();
    expect(contacts.map((c) => c.outcome).sort()).toEqual(['attached', 'opened_case']);
    const after = await caseByNumber(first.json().caseNumber);
    expect({ status: after.status, priority: after.priority }).toEqual({ status: before.status, priority: before.priority });
    const event = await t.ctx.db.selectFrom('case_events').select(['actor_kind', 'payload']).where('case_id', '=', before.id).where('type', '=', 'contact_attached').executeTakeFirstOrThrow();
    expect(event.actor_kind).toBe('system');
    expect(JSON.parse(event.payload)).toMatchObject({ automatic: true, rule: 'repeat', channel: 'web' });
  });

  it('tells a sender who used someone else\'s number nothing about that person\'s case', async () => {
    const owner = await appeal({ name: '欧阳娜娜', phone: '13500000011', content: '翠苑小区5栋楼下烧烤店油烟直排，窗户都不敢开。' });
    expect(owner.statusCode, owner.body).toBe(201);
    const { caseNumber } = owner.json() as { caseNumber: string };
    const other = await appeal({ phone: '13500000011', content: '翠苑小区5栋楼下的烧烤店油烟直排，窗户都不敢开了。' });
    expect(other.statusCode, other.body).toBe(201);
    const { outcome, trackingCode } = other.json() as { outcome: string; trackingCode: string };
    expect(outcome).toBe('attached');

    const tracked = await t.app.inject({ method: 'GET', url: `/api/v1/public/appeals/${trackingCode}` });
    expect(tracked.statusCode, tracked.body).toBe(200);
    const view = tracked.json() as { caseNumber: unknown; status: string; timeline: Array<{ type: string }>; replyText: unknown; canRate: boolean };
    expect(view).toMatchObject({ caseNumber: null, status: 'received', replyText: null, canRate: false, rating: null });
    expect(view.timeline.map((e) => e.type)).toEqual(['created']);
    for (const secret of [caseNumber, '欧阳', '烧烤店', '13500000011']) expect(tracked.body).not.toContain(secret);
    // The rating belongs to whoever opened the case.
    const rate = await t.app.inject({ method: 'POST', url: `/api/v1/public/appeals/${trackingCode}/rating`, payload: { solved: true, satisfaction: 'satisfied' } });
    expect(rate.statusCode).toBe(404);
  });

  it('merges the same problem at the same building into the open case; the citizen still gets a number and code', async () => {
    const first = await appeal({ phone: '13500000002', content: '楼道灯坏了一周，晚上上下楼看不见。', address: '测试市幸福路88号明珠花园5栋' });
    expect(first.statusCode, first.body).toBe(201);
    const parent = await caseByNumber(first.json().caseNumber);

    const neighbour = await appeal({ phone: '13500000003', content: '楼道的灯坏了一周了，晚上上下楼看不见路。', address: '明珠花园5号楼3单元' });
    expect(neighbour.statusCode, neighbour.body).toBe(201);
    const receipt = neighbour.json();
    expect(receipt).toMatchObject({ outcome: 'merged' });
    expect(receipt.caseNumber).not.toBe(first.json().caseNumber);
    const child = await caseByNumber(receipt.caseNumber);
    expect(child).toMatchObject({ status: 'merged', parent_id: parent.id });
    expect((await caseByNumber(first.json().caseNumber)).priority).toBeGreaterThan(parent.priority);
    // Staff see on the parent which appeal was merged in, and that no person decided it.
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${parent.id}`, headers: { cookie: await login(t.app, 'operator') } });
    expect(detail.json().mergedCases).toEqual([
      expect.objectContaining({ id: child.id, caseNumber: receipt.caseNumber, channel: 'web', automatic: true, similarity: expect.any(Number) }),
    ]);
    expect(detail.json().mergedCases[0].similarity).toBeGreaterThanOrEqual(0.65);
    // The child's own code follows the parent's progress.
    const tracked = await t.app.inject({ method: 'GET', url: `/api/v1/public/appeals/${receipt.trackingCode}` });
    expect(tracked.json()).toMatchObject({ caseNumber: receipt.caseNumber, status: 'received' });

    // Another building with the same problem is a case of its own.
    const elsewhere = await appeal({ phone: '13500000004', content: '楼道的灯坏了一周了，晚上上下楼看不见路。', address: '明珠花园9栋' });
    expect(elsewhere.json()).toMatchObject({ outcome: 'opened' });
  });

  it('still answers an emergency with the number to call, and files it once the citizen says it is not one', async () => {
    const fire = { phone: '13500000005', content: '楼下着火了，浓烟很大，有人被困！' };
    const res = await appeal(fire);
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'EMERGENCY_REDIRECT', details: [{ path: 'content', message: '119' }] });
    const confirmed = await appeal({ ...fire, confirmNotEmergency: true });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect(confirmed.json().outcome).toBe('opened');
  });
});
