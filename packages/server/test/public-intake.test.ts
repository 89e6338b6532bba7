import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { openDatabase } from '../src/db/database.js';
import { processIntakeBatch } from '../src/modules/public-intake/process.js';
import { MAX_ATTEMPTS } from '../src/modules/public-intake/repository.js';
import { hashTrackingCode, trackingKeys } from '../src/modules/cases/tracking.js';
import { trackingTimePrefix } from '@openline/core';
import type { AppContext } from '../src/lib/app-context.js';
import { login, seedFixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * Durable public intake (issue 13, ADR 0032): the form answers once the appeal is on disk, the
 * drainer opens the case behind it. Order, idempotency, crash recovery and two drainers, on the
 * suite's database. This app runs no drainer of its own, so what is processed, and when, is the test's.
 */
describeDb(`public intake: accept durably, process behind (${dialect})`, () => {
  let t: TestContext;
  let phoneSeq = 0;
  beforeAll(async () => {
    t = await createTestContext({ publicIntakeDrainer: false });
    await seedFixture(t.ctx);
  });
  afterAll(() => t.close());

  const nextPhone = (): string => `1390000${String(++phoneSeq).padStart(4, '0')}`;
  const post = (payload: Record<string, unknown>, remoteAddress = `203.0.113.${(phoneSeq % 200) + 1}`) =>
    t.app.inject({ method: 'POST', url: '/api/v1/public/appeals', payload, remoteAddress });
  const accept = async (content: string, phone = nextPhone()): Promise<string> => {
    const res = await post({ name: '市民', phone, content, address: `东城区${content.slice(0, 4)}小区${phoneSeq}号楼` });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{ outcome: string; trackingCode: string }>();
    expect(body.outcome).toBe('received');
    return body.trackingCode;
  };
  const track = (code: string) => t.app.inject({ method: 'GET', url: `/api/v1/public/appeals/${code}`, remoteAddress: '198.51.100.9' });
  const drain = async (ctx: AppContext = t.ctx, limit = 16): Promise<number> => {
    let processed = 0;
    for (;;) {
      const batch = await processIntakeBatch(ctx, { limit });
      processed += batch.processed;
      if (batch.claimed === 0) return processed;
      // As the drainer does between batches: let the event loop (and on SQLite another process) in.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const count = async (table: 'cases' | 'public_intake'): Promise<number> =>
    Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
  const backlog = async (): Promise<number> =>
    Number((await t.ctx.db.selectFrom('public_intake').where('processed_at', 'is', null).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);

  it('answers with a tracking code once accepted; the tracking page shows it received at once and its case once processed', async () => {
    const casesBefore = await count('cases');
    const code = await accept('小区门口路灯坏了一周，晚上很黑。');
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{20}$/);
    expect(await count('cases')).toBe(casesBefore);

    const waiting = await track(code);
    expect(waiting.statusCode).toBe(200);
    expect(waiting.json()).toMatchObject({ caseNumber: null, status: 'received', canRate: false, timeline: [{ type: 'created' }] });
    // Sealed at rest: neither the phone nor the text is in the row in clear.
    const row = await t.ctx.db.selectFrom('public_intake').selectAll().orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('路灯');
    expect(JSON.stringify(row)).not.toContain(`1390000`);

    expect(await drain()).toBe(1);
    const processed = (await track(code)).json<{ caseNumber: string; status: string; createdAt: string }>();
    expect(processed.caseNumber).toMatch(/^\d{8}-\d{6}$/);
    // The case keeps the time the citizen filed it, and the code the citizen was given.
    expect(processed.createdAt).toBe(row.accepted_at);
    const done = await t.ctx.db.selectFrom('public_intake').selectAll().where('seq', '=', row.seq).executeTakeFirstOrThrow();
    expect(done).toMatchObject({ outcome: 'opened', payload_enc: null });
    expect(done.processed_at).not.toBeNull();
  });

  it('stores a code under its clock characters and hash, and still finds codes older servers stored as a bare hash (ADR 0077)', async () => {
    const made = Date.now();
    const code = await accept('楼道里的消防栓被人拆走了，请尽快处理。');
    const row = await t.ctx.db.selectFrom('public_intake').selectAll().orderBy('seq', 'desc').executeTakeFirstOrThrow();
    const [current, legacy] = trackingKeys(code);
    expect(row.tracking_code_hash).toBe(current);
    expect(row.tracking_code_hash).toBe(hashTrackingCode(code));
    expect(current).toHaveLength(68);
    expect(legacy).toMatch(/^[0-9a-f]{64}$/);
    expect(current.slice(0, 4)).toBe(code.slice(0, 4));
    // The clock part is the time the code was made (16 ms steps), give or take the request's own time.
    const prefixes = Array.from({ length: 200 }, (_, i) => trackingTimePrefix(made + i * 16 - 16));
    expect(prefixes).toContain(code.slice(0, 4));

    // Waiting in the queue under the old key: still shown as received.
    await t.ctx.db.updateTable('public_intake').set({ tracking_code_hash: legacy }).where('seq', '=', row.seq).execute();
    expect((await track(code)).json()).toMatchObject({ status: 'received' });
    // Processed, the case takes the current key (the drainer derives it from the sealed code) ...
    expect(await drain()).toBe(1);
    const own = await t.ctx.db.selectFrom('cases').select(['id', 'tracking_code_hash']).where('tracking_code_hash', 'in', [current, legacy]).executeTakeFirstOrThrow();
    expect(own.tracking_code_hash).toBe(current);
    // ... and a case an older server opened under the bare hash is found too.
    await t.ctx.db.updateTable('cases').set({ tracking_code_hash: legacy }).where('id', '=', own.id).execute();
    const tracked = (await track(code)).json<{ caseNumber: string | null }>();
    expect(tracked.caseNumber).toMatch(/^\d{8}-\d{6}$/);
    expect(tracked.caseNumber).toBe((await t.ctx.db.selectFrom('cases').select('case_number').where('id', '=', own.id).executeTakeFirstOrThrow()).case_number);
    // A code nobody was given is refused alike under either key.
    const unknown = `${code.slice(0, 4)}${'0'.repeat(16)}`;
    expect((await track(unknown)).statusCode).toBe(404);
  });

  it('processes in the order accepted: case numbers follow acceptance, and a repeat joins the case its first appeal opened', async () => {
    const phone = nextPhone();
    const codes: string[] = [];
    for (let i = 0; i < 9; i++) codes.push(await accept(`第${i}栋楼下水道堵塞，污水外溢，请尽快疏通。`));
    const first = await accept('我家楼道的灯坏了一个月了，晚上上下楼很危险。', phone);
    const repeat = await accept('我家楼道的灯坏了一个月了，晚上上下楼很危险，还没修。', phone);
    expect(await drain(t.ctx, 4)).toBe(11);

    const numbers: string[] = [];
    for (const code of [...codes, first]) numbers.push((await track(code)).json<{ caseNumber: string }>().caseNumber);
    expect(numbers).toEqual([...numbers].sort());
    const rows = await t.ctx.db.selectFrom('public_intake').select(['outcome', 'case_id']).orderBy('seq', 'desc').limit(2).execute();
    expect(rows[0]?.outcome).toBe('attached');
    expect(rows[0]?.case_id).toBe(rows[1]?.case_id);
    expect((await track(repeat)).json()).toMatchObject({ caseNumber: null });
  });

  it('is idempotent: draining again creates nothing, and each row names exactly one case', async () => {
    await accept('公交站台的雨棚破了，下雨天没法等车。');
    await drain();
    const cases = await count('cases');
    expect(await drain()).toBe(0);
    expect(await count('cases')).toBe(cases);
    const rows = await t.ctx.db.selectFrom('public_intake').select(['case_id', 'tracking_code_hash']).execute();
    expect(rows.every((r) => r.case_id !== null)).toBe(true);
    const opened = await t.ctx.db.selectFrom('cases').select('tracking_code_hash').where('tracking_code_hash', 'in', rows.map((r) => r.tracking_code_hash)).execute();
    expect(opened.length).toBe(rows.filter((r) => r.tracking_code_hash).length - 1); // one attached above
  });

  it('keeps the request-path rules: emergencies redirected and recorded, and limits counted per batch in arrival order', async () => {
    const before = await count('public_intake');
    const emergency = await post({ name: '市民', phone: nextPhone(), content: '楼下着火了，火很大，有人被困！' });
    expect(emergency.statusCode).toBe(422);
    expect(emergency.json().error.code).toBe('EMERGENCY_REDIRECT');
    expect(await count('public_intake')).toBe(before);
    const redirected = await t.ctx.db.selectFrom('contacts').select('outcome').where('outcome', 'like', 'redirected%').execute();
    expect(redirected.length).toBeGreaterThan(0);
    const confirmed = await post({ name: '市民', phone: nextPhone(), content: '楼下着火了，火很大，有人被困！', confirmNotEmergency: true });
    expect(confirmed.statusCode).toBe(201);

    // Eight at once from one phone (limit 5 an hour): they share a batch, and exactly five pass.
    const phone = nextPhone();
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      post({ name: '市民', phone, content: `第${i}次反映噪音扰民的问题。` }, `192.0.2.${i + 1}`)));
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(5);
    expect(answers.filter((a) => a.statusCode === 429)).toHaveLength(3);
    expect(answers.find((a) => a.statusCode === 429)?.headers['retry-after']).toBeDefined();
    await drain();
  });

  it('retries a batch that fails half-way row by row, without duplicates, and parks a row that always fails', async () => {
    const base = await count('cases');
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push(await accept(`第${i}号路口红绿灯坏了，车辆乱行很危险。`));
    // A real failure inside the database: the fourth case of the batch is refused.
    await installFailingTrigger(base + 3);
    const first = await processIntakeBatch(t.ctx, { limit: 10 });
    expect(first).toMatchObject({ claimed: 6, processed: 3, failed: 3 });
    expect(await count('cases')).toBe(base + 3);
    const failing = await t.ctx.db.selectFrom('public_intake').select(['attempts', 'last_error']).where('processed_at', 'is', null).execute();
    expect(failing).toHaveLength(3);
    expect(failing.every((r) => r.attempts === 1 && (r.last_error ?? '').includes('injected'))).toBe(true);

    for (let i = 1; i < MAX_ATTEMPTS; i++) await processIntakeBatch(t.ctx, { limit: 10 });
    expect(await processIntakeBatch(t.ctx, { limit: 10 })).toMatchObject({ claimed: 0, processed: 0, failed: 0 });
    const admin = await login(t.app, 'admin');
    const figures = (await t.app.inject({ method: 'GET', url: '/api/v1/admin/public-intake', headers: { cookie: admin } })).json();
    expect(figures).toMatchObject({ backlog: 3, failed: 3 });
    expect(figures.accepted).toBe(figures.processed + figures.backlog);

    await dropFailingTrigger();
    await t.ctx.db.updateTable('public_intake').set({ attempts: 0 }).where('processed_at', 'is', null).execute();
    expect(await drain()).toBe(3);
    expect(await count('cases')).toBe(base + 6);
    for (const code of codes) expect((await track(code)).json().caseNumber).toMatch(/^\d{8}-\d{6}$/);
  });

  it('slices batches by time as the SQLite drainer does: one row at least, at most the limit, in order; a failure half-way is retried row by row', async () => {
    const base = await count('cases');
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push(await accept(`第${i}号公交站牌被撞歪了，看不清线路。`));
    const waiting = await t.ctx.db.selectFrom('public_intake').select('seq').where('processed_at', 'is', null).orderBy('seq').execute();
    // No time at all: the batch still takes the oldest row, and only it.
    expect(await processIntakeBatch(t.ctx, { limit: 10, budgetMs: 0 })).toMatchObject({ claimed: 1, processed: 1, failed: 0 });
    const first = await t.ctx.db.selectFrom('public_intake').select(['processed_at']).where('seq', '=', waiting[0]?.seq ?? -1).executeTakeFirstOrThrow();
    expect(first.processed_at).not.toBeNull();
    // Time to spare: the limit stops it.
    expect(await processIntakeBatch(t.ctx, { limit: 2, budgetMs: 60_000 })).toMatchObject({ claimed: 2, processed: 2, failed: 0 });
    expect(await backlog()).toBe(3);
    // The fifth case is refused: the two before it commit, it and the one after are counted and wait.
    await installFailingTrigger(base + 4);
    expect(await processIntakeBatch(t.ctx, { limit: 10, budgetMs: 60_000 })).toMatchObject({ claimed: 2, processed: 1, failed: 1 });
    await dropFailingTrigger();
    await t.ctx.db.updateTable('public_intake').set({ attempts: 0 }).where('processed_at', 'is', null).execute();
    expect(await processIntakeBatch(t.ctx, { limit: 10, budgetMs: 60_000 })).toMatchObject({ claimed: 2, processed: 2 });
    expect(await count('cases')).toBe(base + 6);
    for (const code of codes) expect((await track(code)).json().caseNumber).toMatch(/^\d{8}-\d{6}$/);
  });

  it('loses nothing to a restart: rows accepted and never processed are processed by the next process', async () => {
    const codes = [await accept('垃圾桶满了三天没人清运，气味很大。'), await accept('人行道地砖松动，老人容易绊倒。')];
    await t.app.close();
    // The next process on the same database: its own app and connection, with a drainer.
    const database = openDatabase(t.databaseConfig);
    const next = await buildApp({ config: { logLevel: 'silent', webDist: '/nonexistent', trustProxy: false }, database, pii: t.pii });
    try {
      await next.ready();
      await next.publicIntake.flush();
      for (const code of codes) {
        const res = await next.inject({ method: 'GET', url: `/api/v1/public/appeals/${code}` });
        expect(res.json().caseNumber).toMatch(/^\d{8}-\d{6}$/);
      }
    } finally {
      await next.close();
      await database.close();
    }
    t.app = await buildApp({ config: { logLevel: 'silent', webDist: '/nonexistent', trustProxy: false }, database: t.database, pii: t.pii, publicIntakeDrainer: false });
  });

  it('loses nothing to a kill -9 in the middle of a batch: its cases roll back and the rows are processed once', async () => {
    const base = await count('cases');
    for (let i = 0; i < 12; i++) await accept(`第${i}号楼电梯经常停运，老人上下楼困难。`);
    const crashed = startChild('crash');
    await crashed.ready;
    crashed.go();
    const exit = await crashed.exit;
    expect(exit.signal).toBe('SIGKILL');
    expect(exit.out).toContain('claimed 10');
    expect(await count('cases')).toBe(base);
    expect(await backlog()).toBe(12);
    expect(await drain()).toBe(12);
    expect(await count('cases')).toBe(base + 12);
  });

  it('lets two drainer processes work one backlog: every appeal is processed exactly once', async () => {
    const base = await count('cases');
    for (let i = 0; i < 150; i++) await accept(`第${i}个问题：小区${i}号楼的供暖温度不达标，家里很冷。`);
    const child = startChild('drain');
    await child.ready;
    child.go();
    const mine = await drain(t.ctx, 8);
    const exit = await child.exit;
    expect(exit.code, exit.out).toBe(0);
    const theirs = (JSON.parse(exit.out.trim().split('\n').pop() ?? '{}') as { processed: number }).processed;
    expect(mine + theirs).toBe(150);
    expect(await backlog()).toBe(0);
    const rows = await t.ctx.db.selectFrom('public_intake').select(['outcome']).orderBy('seq', 'desc').limit(150).execute();
    const newCases = rows.filter((r) => r.outcome !== 'attached').length;
    expect(await count('cases')).toBe(base + newCases);
  }, 60_000);

  it('answers the backlog figures to admins only', async () => {
    const handler = await login(t.app, 'handler');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/public-intake', headers: { cookie: handler } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/public-intake' })).statusCode).toBe(401);
  });

  async function installFailingTrigger(maxCases: number): Promise<void> {
    if (dialect === 'sqlite') {
      await sql.raw(`CREATE TRIGGER intake_test_fail BEFORE INSERT ON cases WHEN (SELECT count(*) FROM cases) >= ${maxCases}
        BEGIN SELECT RAISE(ABORT, 'injected failure'); END`).execute(t.ctx.db);
      return;
    }
    await sql.raw(`CREATE OR REPLACE FUNCTION intake_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF (SELECT count(*) FROM cases) >= ${maxCases} THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`).execute(t.ctx.db);
    await sql.raw('CREATE TRIGGER intake_test_fail BEFORE INSERT ON cases FOR EACH ROW EXECUTE FUNCTION intake_test_fail()').execute(t.ctx.db);
  }

  async function dropFailingTrigger(): Promise<void> {
    await sql.raw(dialect === 'sqlite' ? 'DROP TRIGGER intake_test_fail' : 'DROP TRIGGER intake_test_fail ON cases').execute(t.ctx.db);
  }

  /** A real second process on the same database (support/intake-child.ts). */
  function startChild(mode: 'drain' | 'crash') {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./support/intake-child.ts', import.meta.url))], {
      env: {
        ...process.env, INTAKE_MODE: mode, INTAKE_DATABASE: JSON.stringify(t.databaseConfig), INTAKE_KEY: t.dataKey.toString('base64'),
        TSX_TSCONFIG_PATH: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('ready')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`intake child exited early (${code})`)));
    });
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal, out }));
    });
    return { ready, go: () => child.stdin.end('go\n'), exit };
  }
});
