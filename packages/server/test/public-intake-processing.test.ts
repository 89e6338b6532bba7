import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { durableIntakeFigures } from '../src/modules/metrics/intake-figures.js';
import { publicIntakeFigures } from '../src/modules/public-intake/figures.js';
import { processIntakeBatch } from '../src/modules/public-intake/process.js';
import { MAX_ATTEMPTS } from '../src/modules/public-intake/repository.js';
import { purgePublicIntake } from '../src/modules/public-intake/purge.js';
import { login, seedFixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * Processing public intake at scale (issue 13 §2, ADR 0037): the same-building search through the
 * place index, the standalone worker draining beside a web process, and the purge of processed
 * rows. This app runs no drainer of its own; the worker process and the test drain.
 */
describeDb(`public intake processing: place index, worker, purge (${dialect})`, () => {
  let t: TestContext;
  let phoneSeq = 0;
  beforeAll(async () => {
    t = await createTestContext({ publicIntakeDrainer: false });
    await seedFixture(t.ctx);
  });
  afterAll(() => t.close());

  const nextPhone = (): string => `1370000${String(++phoneSeq).padStart(4, '0')}`;
  const accept = async (content: string, address: string): Promise<string> => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/public/appeals', payload: { name: '市民', phone: nextPhone(), content, address }, remoteAddress: `203.0.113.${(phoneSeq % 200) + 1}`,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ trackingCode: string }>().trackingCode;
  };
  const track = (code: string) => t.app.inject({ method: 'GET', url: `/api/v1/public/appeals/${code}`, remoteAddress: '198.51.100.7' });
  const drain = async (limit = 16): Promise<number> => {
    let processed = 0;
    for (;;) {
      const batch = await processIntakeBatch(t.ctx, { limit });
      processed += batch.processed;
      if (batch.claimed === 0) return processed;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const backlog = async (): Promise<number> => (await publicIntakeFigures(t.ctx.db)).backlog;

  it('merges the same problem at the same building through the place index, written the other way round, and keeps no address in clear', async () => {
    const first = await accept('5号楼停电了，整栋楼都没有电，电梯也停了。', '测试市幸福路88号阳光小区5号楼2单元301');
    await drain();
    // Another building of the same community and a third the same building in numerals: only the latter merges.
    const other = await accept('6号楼停电了，整栋楼都没有电，电梯也停了。', '阳光小区6号楼');
    const same = await accept('五号楼停电了，整栋楼都没有电，电梯也停了。', '阳光小区五栋1单元');
    await drain();
    const rows = await t.ctx.db.selectFrom('public_intake').select(['outcome', 'case_id']).orderBy('seq', 'desc').limit(3).execute();
    expect(rows.map((r) => r.outcome)).toEqual(['merged', 'opened', 'opened']);
    const parent = (await track(first)).json<{ caseNumber: string }>();
    const merged = await t.ctx.db.selectFrom('cases').select(['parent_id', 'status']).where('id', '=', rows[0]?.case_id ?? '').executeTakeFirstOrThrow();
    expect(merged.status).toBe('merged');
    expect(merged.parent_id).toBe(rows[2]?.case_id);
    expect(parent.caseNumber).toMatch(/^\d{8}-\d{6}$/);
    expect((await track(other)).json<{ caseNumber: string }>().caseNumber).toMatch(/^\d{8}-\d{6}$/);
    expect((await track(same)).statusCode).toBe(200);
    // The index holds keyed hashes only.
    const places = await t.ctx.db.selectFrom('case_places').selectAll().execute();
    expect(places.length).toBeGreaterThan(0);
    expect(JSON.stringify(places)).not.toMatch(/阳光|幸福|小区/u);
  });

  it('keeps only cases that can be merged into in the place index: a merged one leaves it, an unmerged one returns', async () => {
    const placesOf = async (caseId: string): Promise<string[]> =>
      (await t.ctx.db.selectFrom('case_places').select('place_bidx').where('case_id', '=', caseId).orderBy('place_bidx').execute()).map((r) => r.place_bidx);
    const outcomes = async (n: number) => (await t.ctx.db.selectFrom('public_intake').select(['outcome', 'case_id']).orderBy('seq', 'desc').limit(n).execute()).reverse();
    await accept('和平里9号楼门口的下水道堵了，污水漫到路上。', '测试市和平里9号楼');
    await drain();
    await accept('和平里9号楼门口的下水道堵了，污水都漫到路上了。', '和平里9号楼');
    await drain();
    const [parent, child] = await outcomes(2);
    expect([parent?.outcome, child?.outcome]).toEqual(['opened', 'merged']);
    const parentId = parent?.case_id ?? '';
    const childId = child?.case_id ?? '';
    const parentKeys = await placesOf(parentId);
    expect(parentKeys.length).toBeGreaterThan(0);
    expect(await placesOf(childId)).toEqual([]);

    // Undone by an operator: the child can be merged into again, so it is found again, by the same keys.
    const operator = await login(t.app, 'operator');
    const undone = await t.app.inject({
      method: 'POST', url: `/api/v1/cases/${childId}/unmerge`, headers: { cookie: operator }, payload: { reason: '不是同一处下水道' },
    });
    expect(undone.statusCode, undone.body).toBe(200);
    expect(await placesOf(childId)).toEqual(parentKeys);
    await accept('和平里9号楼门口的下水道堵了，污水漫到路上，很臭。', '和平里9号楼');
    await drain();
    const [third] = await outcomes(1);
    expect(third?.outcome).toBe('merged');
    const merged = await t.ctx.db.selectFrom('cases').select('parent_id').where('id', '=', third?.case_id ?? '').executeTakeFirstOrThrow();
    // The newest open case at the building is the unmerged one; either way it is one of the two, and it stays indexed.
    expect([parentId, childId]).toContain(merged.parent_id);
    expect(await placesOf(third?.case_id ?? '')).toEqual([]);
  });

  // SQLite has one writer: there the web process that accepts also drains, and the worker does not (ADR 0037).
  it.skipIf(dialect === 'sqlite')('the standalone worker drains the backlog, alone and beside another drainer, each appeal exactly once', async () => {
    const worker = startWorkerProcess();
    try {
      // Alone: nothing else drains.
      const alone = [];
      for (let i = 0; i < 20; i++) alone.push(await accept(`第${i}号楼的路灯坏了，晚上很黑，请修一下。`, `测试市建设大街${i + 1}号`));
      await until(async () => (await backlog()) === 0);
      for (const code of alone) expect((await track(code)).json<{ caseNumber: string }>().caseNumber).toMatch(/^\d{8}-\d{6}$/);

      // Beside this process's drainer: the claims split the rows, none is processed twice.
      const casesBefore = await countCases();
      const seqBefore = (await publicIntakeFigures(t.ctx.db)).accepted;
      for (let i = 0; i < 120; i++) await accept(`第${i}个问题：光明路${i + 1}号门口的井盖丢了，很危险。`, `测试市光明路${i + 1}号`);
      let mine = 0;
      await until(async () => {
        mine += await drain(4);
        return (await backlog()) === 0;
      });
      const rows = await t.ctx.db.selectFrom('public_intake').select(['outcome', 'case_id']).where('seq', '>', seqBefore).execute();
      expect(rows).toHaveLength(120);
      expect(rows.every((r) => r.outcome === 'opened' && r.case_id !== null)).toBe(true);
      expect(new Set(rows.map((r) => r.case_id)).size).toBe(120);
      expect(await countCases()).toBe(casesBefore + 120);
      // The worker took part: it polls while the appeals are being accepted.
      expect(mine).toBeLessThan(120);
    } finally {
      await stop(worker);
    }
  }, 120_000);

  it('purges processed rows after the keeping time, never the newest nor a waiting one; tracking still finds the appeal', async () => {
    const old = await accept('楼道里堆满杂物，消防通道被堵。', '测试市和平街道锦江小区3栋');
    await drain();
    const waiting = await accept('小区健身器材损坏，螺丝松了。', '测试市锦江小区9栋');
    const before = await publicIntakeFigures(t.ctx.db);
    const now = new Date();
    const longAgo = new Date(now.getTime() - 40 * 86_400_000).toISOString();
    // Every processed row so far was processed "40 days ago"; the index rows are as old.
    await t.ctx.db.updateTable('public_intake').set({ processed_at: longAgo }).where('processed_at', 'is not', null).execute();
    await t.ctx.db.updateTable('case_places').set({ created_at: longAgo }).execute();
    const processedRows = Number((await t.ctx.db.selectFrom('public_intake').where('processed_at', 'is not', null)
      .select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);

    const kept = await purgePublicIntake(t.ctx, { now, keepDays: 60 });
    expect(kept.intakeRows).toBe(0);
    // The place index keeps only the same-incident window, whatever the keeping time.
    expect(kept.placeRows).toBeGreaterThan(0);
    expect(await t.ctx.db.selectFrom('case_places').selectAll().execute()).toEqual([]);
    const purged = await purgePublicIntake(t.ctx, { now, keepDays: 30 });
    expect(purged.intakeRows).toBe(processedRows);

    const left = await t.ctx.db.selectFrom('public_intake').select(['seq', 'processed_at']).execute();
    expect(left).toHaveLength(1);
    expect(left[0]?.processed_at).toBeNull();
    expect(await publicIntakeFigures(t.ctx.db)).toMatchObject({ accepted: before.accepted, backlog: 1 });
    // The purged appeal is found through its case, the waiting one through its row.
    expect((await track(old)).json<{ caseNumber: string }>().caseNumber).toMatch(/^\d{8}-\d{6}$/);
    expect((await track(waiting)).json()).toMatchObject({ caseNumber: null, status: 'received' });
    await drain();
    // Now the newest row is processed and old enough, and still kept: it holds the counter.
    await t.ctx.db.updateTable('public_intake').set({ processed_at: longAgo }).execute();
    expect((await purgePublicIntake(t.ctx, { now, keepDays: 30 })).intakeRows).toBe(0);
    expect((await publicIntakeFigures(t.ctx.db)).accepted).toBe(before.accepted);
    expect((await track(waiting)).json<{ caseNumber: string }>().caseNumber).toMatch(/^\d{8}-\d{6}$/);
  });

  it('shows admins the backlog, its age and the processing rate', async () => {
    await accept('路边的树倒了，挡住了半条路。', '测试市人民大道1号');
    await drain();
    await accept('人民大道2号门口的消防栓漏水。', '测试市人民大道2号');
    const admin = await login(t.app, 'admin');
    const figures = (await t.app.inject({ method: 'GET', url: '/api/v1/admin/public-intake', headers: { cookie: admin } })).json();
    expect(figures).toMatchObject({ backlog: 1, failed: 0 });
    expect(figures.lagSeconds).toBeGreaterThanOrEqual(0);
    expect(figures.processedLastHour).toBeGreaterThanOrEqual(1);
    // Parked after failing too often: counted as failed for a person, not aged as a backlog
    // being worked (its lag grew for ever, and an alert on it would never clear).
    await t.ctx.db.updateTable('public_intake').set({ attempts: MAX_ATTEMPTS }).where('processed_at', 'is', null).execute();
    expect(await publicIntakeFigures(t.ctx.db)).toMatchObject({ backlog: 1, failed: 1, lagSeconds: 0, oldestAcceptedAt: null });
    expect(await durableIntakeFigures(t.ctx)(new Date())).toMatchObject({ backlog: 0, backlogOldestSeconds: 0, failed: 1 });
    await t.ctx.db.updateTable('public_intake').set({ attempts: 0 }).where('processed_at', 'is', null).execute();
    expect(await durableIntakeFigures(t.ctx)(new Date())).toMatchObject({ backlog: 1, failed: 0 });
    await drain();
  });

  async function countCases(): Promise<number> {
    return Number((await t.ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
  }

  async function until(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > end) throw new Error('timed out waiting for the backlog to drain');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** `npm run worker` on the suite's database: its own process, connection and drainer. */
  function startWorkerProcess(): ChildProcess {
    const url = t.databaseConfig.kind === 'sqlite' ? `sqlite:${t.databaseConfig.file}` : t.databaseConfig.url;
    return spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../src/worker-main.ts', import.meta.url))], {
      env: {
        ...process.env, DATABASE_URL: url, OPENLINE_DATA_KEY: t.dataKey.toString('base64'), LOG_LEVEL: 'warn', NODE_ENV: 'test',
        WORKER_INTERVAL_MS: '3600000', DEMO: '0', TSX_TSCONFIG_PATH: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }

  async function stop(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});
