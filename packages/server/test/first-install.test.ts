import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import type { DemoLog } from '../src/demo/seed.js';
import { prepareDemoAtStartup } from '../src/demo/startup.js';
import { AppError } from '../src/errors.js';
import { hashPassword } from '../src/modules/auth/password.js';
import { createAdministrator, type CreateAdminInput } from '../src/setup/create-admin.js';
import { login } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

const STRONG = 'plain old long passphrase';

function recordingLog(): DemoLog & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info: () => undefined, warn: (msg: string) => warnings.push(msg) };
}

/** The environment `npm start` would see for this test's database. */
function envFor(t: TestContext, extra: Record<string, string> = {}): Record<string, string> {
  const url = t.databaseConfig.kind === 'sqlite' ? `sqlite:${t.databaseConfig.file}` : t.databaseConfig.url;
  return { DATABASE_URL: url, ...extra };
}

const input = (overrides: Partial<CreateAdminInput> = {}): CreateAdminInput => ({
  username: 'chief',
  displayName: '系统管理员',
  password: STRONG,
  jurisdiction: { code: 'haihe', name: '海河市', timezone: 'Asia/Shanghai' },
  ...overrides,
});

async function refusal(promise: Promise<unknown>): Promise<{ code: string; path: string | undefined }> {
  const err = await promise.then(() => null, (e: unknown) => e);
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return { code: err.code, path: err.details?.[0]?.path };
}

describeDb(`first install (${dialect})`, () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext();
  });
  afterEach(() => t.close());

  it('a production start on an empty database loads no demo and asks for create-admin', async () => {
    const config = loadConfig(envFor(t, { NODE_ENV: 'production' }));
    const log = recordingLog();
    expect(await prepareDemoAtStartup(t.ctx, { config, log })).toEqual({ seeded: false, demoAccounts: [], noStaff: true });
    expect(await t.ctx.db.selectFrom('users').select('id').execute()).toEqual([]);
    expect(log.warnings.join('\n')).toContain('npm run create-admin');
  });

  it('without NODE_ENV and DEMO, only an embedded SQLite install gets the demo', async () => {
    const state = await prepareDemoAtStartup(t.ctx, { config: loadConfig(envFor(t)), log: recordingLog(), caseCount: 10 });
    if (dialect === 'sqlite') expect(state.demoAccounts).toEqual(['admin', 'handler', 'official', 'operator', 'supervisor']);
    else expect(state).toEqual({ seeded: false, demoAccounts: [], noStaff: true });
  });

  it('warns at every start while demo accounts keep the published password', async () => {
    const first = recordingLog();
    const seeded = await prepareDemoAtStartup(t.ctx, { config: loadConfig(envFor(t, { DEMO: '1' })), log: first, caseCount: 10 });
    expect(seeded).toMatchObject({ seeded: true, noStaff: false });
    expect(first.warnings.join('\n')).toMatch(/DEMO ACCOUNTS EXIST: admin, handler, official, operator, supervisor .*openline-demo/);
    // A later production start (no demo wanted) still finds them, and says so.
    await t.ctx.db.updateTable('users').set({ password_hash: await hashPassword(STRONG) }).where('username', '=', 'admin').execute();
    const later = recordingLog();
    const state = await prepareDemoAtStartup(t.ctx, { config: loadConfig(envFor(t, { NODE_ENV: 'production' })), log: later });
    expect(state).toEqual({ seeded: false, demoAccounts: ['handler', 'official', 'operator', 'supervisor'], noStaff: false });
    expect(later.warnings.join('\n')).toMatch(/DEMO ACCOUNTS EXIST: handler, .*production start/);
  });

  it('create-admin makes the first jurisdiction, its root unit and an admin who can sign in', async () => {
    const admin = await createAdministrator(t.ctx, input());
    expect(admin).toMatchObject({ username: 'chief', jurisdiction: { code: 'haihe', name: '海河市', created: true }, orgUnit: { name: '海河市' } });
    const unit = await t.ctx.db.selectFrom('org_units').selectAll().executeTakeFirstOrThrow();
    expect(unit).toMatchObject({ id: admin.orgUnit.id, parent_id: null, jurisdiction_id: admin.jurisdiction.id });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: await login(t.app, 'chief', STRONG) } });
    expect(res.statusCode).toBe(200);
    // A fresh install's first administrator runs the deployment too (rate limits, further jurisdictions).
    expect(res.json()).toMatchObject({ user: { username: 'chief', roles: ['admin'], platformRoles: ['platform_admin'] } });
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.create').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ target_id: admin.userId, actor_user_id: null, jurisdiction_id: admin.jurisdiction.id });
    expect(JSON.parse(audit.detail)).toMatchObject({ via: 'create-admin', roles: ['admin', 'platform_admin'] });

    // A second administrator joins the existing jurisdiction and unit.
    const second = await createAdministrator(t.ctx, input({ username: 'deputy', jurisdiction: { name: 'ignored', timezone: 'Asia/Shanghai' } }));
    expect(second.jurisdiction).toEqual({ ...admin.jurisdiction, created: false });
    expect(second.orgUnit.id).toBe(admin.orgUnit.id);
    const deputyRoles = await t.ctx.db.selectFrom('user_roles').select('role').where('user_id', '=', second.userId).execute();
    expect(deputyRoles.map((r) => r.role)).toEqual(['admin']);
    expect(await t.ctx.db.selectFrom('jurisdictions').select('id').execute()).toHaveLength(1);
  });

  it('create-admin refuses a taken username, weak passwords and bad places, writing nothing', async () => {
    await createAdministrator(t.ctx, input());
    expect(await refusal(createAdministrator(t.ctx, input()))).toEqual({ code: 'CONFLICT', path: 'username' });
    for (const password of ['short-pass', 'openline-demo', 'OPENLINE-DEMO', 'aaaaaaaaaaaaaaaa', 'chief'.padEnd(4, ' ')]) {
      expect(await refusal(createAdministrator(t.ctx, input({ username: 'other', password }))), password).toEqual({ code: 'VALIDATION_FAILED', path: 'password' });
    }
    expect(await refusal(createAdministrator(t.ctx, input({ username: 'Bad Name' })))).toEqual({ code: 'VALIDATION_FAILED', path: 'username' });
    const elsewhere = { code: 'nowhere', name: '无名市', timezone: 'Asia/Shanghai' };
    expect(await refusal(createAdministrator(t.ctx, input({ username: 'other', jurisdiction: elsewhere })))).toEqual({ code: 'VALIDATION_FAILED', path: 'jurisdictionCode' });
    const badZone = { code: 'haihe', name: '海河市', timezone: 'Mars/Olympus' };
    expect(await refusal(createAdministrator(t.ctx, input({ username: 'other', jurisdiction: badZone })))).toEqual({ code: 'VALIDATION_FAILED', path: 'timezone' });
    expect((await t.ctx.db.selectFrom('users').select('username').execute()).map((u) => u.username)).toEqual(['chief']);
  });

  it('npm run create-admin: the CLI reads the password from stdin or a file, never argv', async () => {
    const cli = fileURLToPath(new URL('../src/setup/create-admin-cli.ts', import.meta.url));
    const env = { ...process.env, ...envFor(t, { NODE_ENV: 'production' }) };
    const runCli = (args: string[], stdin: string) =>
      new Promise<{ code: number | null; out: string }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.on('error', reject);
        child.on('exit', (code) => resolve({ code, out }));
        child.stdin.end(stdin);
      });

    const piped = await runCli(['--jurisdiction-name', '海河市', '--jurisdiction-code', 'haihe'], `${STRONG}\n`);
    expect(piped, piped.out).toMatchObject({ code: 0 });
    expect(piped.out).toContain('Administrator "admin" created in 海河市 (haihe, created now)');

    const dir = mkdtempSync(path.join(tmpdir(), 'openline-pw-'));
    try {
      writeFileSync(path.join(dir, 'pw'), 'from a file, not argv\n', { mode: 0o600 });
      expect((await runCli(['--username', 'ops', '--password-file', path.join(dir, 'pw')], '')).code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const argv = await runCli(['--username', 'leaky', '--password', STRONG], '');
    expect(argv.code).toBe(2);
    expect(argv.out).toContain('--password is not accepted');

    // The app on that database: no demo account, and the new administrators sign in.
    expect(await prepareDemoAtStartup(t.ctx, { config: loadConfig(env), log: recordingLog() })).toEqual({ seeded: false, demoAccounts: [], noStaff: false });
    expect((await t.ctx.db.selectFrom('users').select('username').orderBy('username').execute()).map((u) => u.username)).toEqual(['admin', 'ops']);
    await login(t.app, 'admin', STRONG);
    await login(t.app, 'ops', 'from a file, not argv');
  }, 120_000);
});
