import { afterAll, beforeAll, expect, it } from 'vitest';
import { inTransaction } from '../src/lib/unit-of-work.js';
import { appendAudit } from '../src/modules/audit/repository.js';
import { findCallerAndPlaceCases, findCallerCases, findCandidateRowsOfMany, findSamePlaceCases } from '../src/modules/intake-check/repository.js';
import { processIntakeBatch } from '../src/modules/public-intake/process.js';
import { seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * What a unit of work writes together instead of one statement each (issue 13 §2: a drainer batch
 * on PostgreSQL paid a round trip per appeal for each): the batch's processed marks, a merged
 * appeal's two events, and the audit entries, written just before the commit.
 */
describeDb(`writes gathered per unit of work (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let phoneSeq = 0;
  beforeAll(async () => {
    t = await createTestContext({ publicIntakeDrainer: false });
    f = await seedFixture(t.ctx);
  });
  afterAll(() => t.close());

  const accept = async (content: string, address: string): Promise<void> => {
    const phone = `1370001${String(++phoneSeq).padStart(4, '0')}`;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/appeals', payload: { name: '市民', phone, content, address }, remoteAddress: `203.0.113.${phoneSeq}` });
    expect(res.statusCode, res.body).toBe(201);
  };

  it('marks every row of a batch claimed at once, and writes a merged appeal\'s events in order with the merge\'s audit entry', async () => {
    await accept('7号楼停水了，整栋楼都没有水，已经一天了。', '测试市和平路12号翠苑小区7号楼');
    await accept('学校门口的路灯坏了，晚上很黑。', '测试市和平路3号实验小学');
    await accept('七号楼停水了，整栋楼都没有水，已经一天了。', '翠苑小区七栋');
    // One batch, claimed at once (the PostgreSQL drainer's way): the parent is opened before its repeat merges.
    const batch = await processIntakeBatch(t.ctx, { limit: 16 });
    expect(batch).toMatchObject({ claimed: 3, processed: 3, failed: 0 });
    const rows = await t.ctx.db.selectFrom('public_intake').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => r.outcome)).toEqual(['opened', 'opened', 'merged']);
    for (const r of rows) {
      expect(r.processed_at).not.toBeNull();
      expect(r.payload_enc).toBeNull();
      expect(r.last_error).toBeNull();
      expect(r.attempts).toBe(1);
    }
    const [parent, , child] = rows;
    const childCase = await t.ctx.db.selectFrom('cases').select(['parent_id', 'status']).where('id', '=', child?.case_id ?? '').executeTakeFirstOrThrow();
    expect(childCase).toEqual({ parent_id: parent?.case_id, status: 'merged' });

    const events = await t.ctx.db.selectFrom('case_events').select(['type', 'actor_kind', 'from_status', 'to_status', 'payload', 'created_at'])
      .where('case_id', '=', child?.case_id ?? '').orderBy('id').execute();
    expect(events.map((e) => [e.type, e.actor_kind, e.from_status, e.to_status])).toEqual([
      ['created', 'citizen', null, 'received'],
      ['merged', 'system', 'received', 'merged'],
    ]);
    expect(JSON.parse(events[1]?.payload ?? '{}')).toMatchObject({ automatic: true, rule: 'same_address', parentId: parent?.case_id });
    expect(String(events[1]?.created_at) >= String(events[0]?.created_at)).toBe(true);
    const audits = await t.ctx.db.selectFrom('audit_log').select(['action', 'target_id']).where('action', '=', 'case.merge').execute();
    expect(audits).toEqual([{ action: 'case.merge', target_id: child?.case_id }]);
    // Nothing waits: a second batch finds the backlog empty.
    expect((await processIntakeBatch(t.ctx, { limit: 16 })).claimed).toBe(0);
  });

  it('finds the caller\'s and the place\'s open cases in one statement, as the two look-ups find them', async () => {
    const phone = '13700029999';
    const appeals: Array<[string, string]> = [
      ['小区门口垃圾三天没人清运，气味很大。', '测试市和平路20号锦绣小区'],
      ['楼下餐馆油烟直排，晚上还很吵。', '测试市和平路22号'],
      ['路口红绿灯坏了，车辆乱行很危险。', '测试市和平路与胜利街交叉口'],
    ];
    for (const [content, address] of appeals) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/appeals', payload: { name: '市民', phone, content, address }, remoteAddress: '203.0.113.99' });
      expect(res.statusCode, res.body).toBe(201);
      await processIntakeBatch(t.ctx, { limit: 16 });
    }
    const scope = { jurisdictionId: f.jurisdiction.id, statuses: ['received'] };
    const bidx = t.ctx.pii.blindIndex('+86' + phone);
    const keys = (await t.ctx.db.selectFrom('case_places').select('place_bidx').orderBy('place_bidx').execute()).map((r) => r.place_bidx);
    expect(keys.length).toBeGreaterThan(2);
    const since = '2000-01-01T00:00:00.000Z';
    for (const placeBidxs of [keys.slice(0, 1), keys.slice(0, 3), keys]) {
      const caller = { phoneBidx: bidx, since, limit: 2 };
      const place = { placeBidxs, since, limit: 50 };
      const alone = {
        callerRows: (await findCallerCases(t.ctx.db, { ...scope, ...caller })).map((r) => r.id),
        placeRows: (await findSamePlaceCases(t.ctx.db, { ...scope, ...place })).map((r) => r.id),
      };
      expect(alone.callerRows).toHaveLength(2);
      const together = await findCallerAndPlaceCases(t.ctx.db, caller, place, scope);
      expect({ callerRows: together.callerRows.map((r) => r.id), placeRows: together.placeRows.map((r) => r.id) }).toEqual(alone);
    }

    // A batch's look-ups (ADR 0080): each appeal's rows as its own look-ups return them, whether it
    // has a phone, a place, both or neither; a place limit below the matches keeps the newest across keys.
    for (const placeLimit of [50, 2]) {
      const lookUps = [
        { jurisdictionId: f.jurisdiction.id, caller: { phoneBidx: bidx, since, limit: 2 }, place: { placeBidxs: keys, since, limit: placeLimit } },
        { jurisdictionId: f.jurisdiction.id, caller: null, place: { placeBidxs: keys.slice(1, 3), since, limit: placeLimit } },
        { jurisdictionId: f.jurisdiction.id, caller: { phoneBidx: bidx, since, limit: 2 }, place: null },
        { jurisdictionId: f.jurisdiction.id, caller: null, place: null },
        { jurisdictionId: f.jurisdiction.id, caller: { phoneBidx: 'no such caller', since, limit: 2 }, place: { placeBidxs: ['no such place'], since, limit: placeLimit } },
      ];
      const many = await findCandidateRowsOfMany(t.ctx.db, lookUps, scope.statuses);
      expect(many).toHaveLength(lookUps.length);
      for (const [i, l] of lookUps.entries()) {
        const alone = {
          callerRows: l.caller ? (await findCallerCases(t.ctx.db, { ...scope, ...l.caller })).map((r) => [r.id, r.at]) : [],
          placeRows: l.place ? (await findSamePlaceCases(t.ctx.db, { ...scope, ...l.place })).map((r) => [r.id, r.at]) : [],
        };
        expect({ callerRows: many[i]?.callerRows.map((r) => [r.id, r.at]), placeRows: many[i]?.placeRows.map((r) => [r.id, r.at]) }, `look-up ${i}`).toEqual(alone);
      }
      expect(many[0]?.placeRows.length).toBe(Math.min(placeLimit, keys.length));
    }
  });

  it('writes a unit of work\'s audit entries at its end, in order and with their own times, and none if it rolls back', async () => {
    const actions = Array.from({ length: 1201 }, (_, i) => `test.batched_${String(i).padStart(4, '0')}`);
    await inTransaction(t.ctx, async (tx) => {
      for (const action of actions) await appendAudit(tx.db, { jurisdictionId: f.jurisdiction.id, actorUserId: f.users.admin, action, detail: { n: action } });
      // Not yet written: the entries wait for the end of the unit of work.
      expect(await tx.db.selectFrom('audit_log').select('id').where('action', 'like', 'test.batched_%').execute()).toEqual([]);
    });
    const written = await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_user_id', 'detail', 'created_at']).where('action', 'like', 'test.batched_%').orderBy('id').execute();
    expect(written.map((r) => r.action)).toEqual(actions);
    expect(written.every((r) => r.actor_user_id === f.users.admin && JSON.parse(r.detail).n === r.action)).toBe(true);
    expect(written.every((r, i) => i === 0 || String(r.created_at) >= String(written[i - 1]?.created_at))).toBe(true);

    await expect(inTransaction(t.ctx, async (tx) => {
      await appendAudit(tx.db, { jurisdictionId: f.jurisdiction.id, actorUserId: null, action: 'test.rolled_back' });
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    // Outside a unit of work an entry is written at once.
    await appendAudit(t.ctx.db, { jurisdictionId: f.jurisdiction.id, actorUserId: null, action: 'test.alone' });
    const loose = await t.ctx.db.selectFrom('audit_log').select('action').where('action', 'in', ['test.rolled_back', 'test.alone']).execute();
    expect(loose).toEqual([{ action: 'test.alone' }]);
  });
});
