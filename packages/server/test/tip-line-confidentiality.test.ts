import { createHmac } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { openCase } from '../src/modules/cases/open-case.js';
import { createLine, createOrgUnit, createUser } from '../src/modules/org/service.js';
import { sweepDeadlines } from '../src/modules/supervision/sweep.js';
import { PASSWORD, login, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * A tip-line reporter (举报人) is seen only by the hotline centre's operators (ADR 0006). Every
 * route that returns case data is called by every kind of viewer, and the body is searched for
 * the reporter in every form: the full number, any four-digit run of it, the masked number, the
 * name (full and masked), the address and the ID number. A new route that returns case data is
 * one more line in ROUTES.
 */

const SECRET = 'sms-gateway-shared-secret-for-tests';
const TIP_LINE = '13900002222';
/** Reporter A called the hotline and gave everything; reporter B sent an SMS. */
const A = { phone: '+8613957468219', national: '13957468219', masked: '139****8219', name: '吴十', maskedName: '吴*', address: '东城区和平街道幸福里小区3栋2单元', maskedAddress: '东城区和平街****', idNumber: '11010519491231002X', maskedId: '110**************X' };
const B = { phone: '+8615873629041', national: '15873629041', masked: '158****9041' };
const TIP_TEXT = '举报城南物流园仓库夜间聚众赌博，还有人放高利贷。';

/** Every form in which a reporter could leak: with `allow`, the forms that viewer may see. */
function leaks(body: string, allow: 'none' | 'masked' | 'full'): string[] {
  if (allow === 'full') return [];
  const found: string[] = [];
  const forms = allow === 'masked' ? [A.name, A.address, A.idNumber] : [A.masked, B.masked, A.name, A.maskedName, A.address, A.maskedAddress, A.idNumber, A.maskedId];
  for (const form of forms) if (body.includes(form)) found.push(form);
  // Digits: any four-digit run of a number, searched in the JSON's strings with ids and times
  // taken out, also where they sit inside a string such as an outbox recipient
  // "role:supervisor:<unit id>" (a UUID or a timestamp may contain any four digits by chance).
  // Seen masked, the number's last four are allowed, and so is its prefix.
  const text = stringsOf(JSON.parse(body) as unknown).map((s) => NOISE.reduce((rest, re) => rest.replace(re, ' '), s)).join('\n');
  for (const reporter of [A, B]) {
    const allowed = allow === 'masked' ? new Set([reporter.national.slice(-4)]) : new Set<string>();
    const digits = allow === 'masked' ? text.replaceAll(reporter.masked, '') : text;
    for (let i = 0; i + 4 <= reporter.national.length; i++) {
      const run = reporter.national.slice(i, i + 4);
      if (!allowed.has(run) && digits.includes(run)) found.push(run);
    }
  }
  return found;
}
const NOISE = [/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, /\d{4}-\d{2}-\d{2}T[\d:.]+Z/g];
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

interface Viewer {
  name: string;
  headers: () => Promise<Record<string, string>>;
  /** May know the reporter (ADR 0006): only a person who is an operator in the hotline centre. */
  mayKnow: boolean;
  /** Has the tip case in scope (else it is absent: 404 or not listed). */
  inScope: boolean;
}

interface Cases {
  parent: { id: string; caseNumber: string; trackingCode: string };
  child: { id: string; caseNumber: string };
}

interface Route {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  url: (c: Cases) => string;
  body?: (c: Cases) => unknown;
  /** What a viewer who may know the reporter sees here; anyone else sees nothing, whatever this says. */
  forOperator: 'none' | 'masked' | 'full';
  /** Whether the tip case must show up (true), must not (false), or either (undefined). */
  listsCase?: (v: Viewer) => boolean | undefined;
  /** A file rather than JSON (exports): its cells as a JSON array, for the same checks. */
  decode?: (body: Buffer) => Promise<string>;
}

const csvCells = async (body: Buffer): Promise<string> => JSON.stringify(parseCsv(body, { bom: true }));
async function xlsxCells(body: Buffer): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const cells: unknown[] = [];
  book.eachSheet((sheet) => sheet.eachRow((row) => cells.push((row.values as unknown[]).slice(1))));
  return JSON.stringify(cells);
}

const inScope = (v: Viewer) => v.inScope;
const ROUTES: Route[] = [
  { name: 'case list', method: 'GET', url: () => '/api/v1/cases?pageSize=100', forOperator: 'masked', listsCase: inScope },
  { name: 'case list, text filter', method: 'GET', url: () => `/api/v1/cases?q=${encodeURIComponent('聚众赌博')}`, forOperator: 'masked', listsCase: inScope },
  { name: 'case list by priority', method: 'GET', url: () => '/api/v1/cases?sort=priority&pageSize=100', forOperator: 'masked', listsCase: inScope },
  { name: 'search', method: 'GET', url: () => `/api/v1/search/cases?q=${encodeURIComponent('聚众赌博')}`, forOperator: 'masked', listsCase: inScope },
  { name: 'detail with timeline and merged cases', method: 'GET', url: (c) => `/api/v1/cases/${c.parent.id}`, forOperator: 'masked', listsCase: inScope },
  { name: 'detail of the merged report', method: 'GET', url: (c) => `/api/v1/cases/${c.child.id}`, forOperator: 'masked' },
  { name: 'reveal', method: 'POST', url: (c) => `/api/v1/cases/${c.parent.id}/reveal`, body: () => ({ reason: '给举报人反馈核查结果' }), forOperator: 'full' },
  {
    name: 'vulnerability flags (answers the case)', method: 'PUT', url: (c) => `/api/v1/cases/${c.parent.id}/vulnerabilities`, body: () => ({ flags: [] }),
    forOperator: 'masked',
  },
  {
    name: 'intake check with the reporter\'s number', method: 'POST', url: () => '/api/v1/intake/check', body: () => ({ content: TIP_TEXT, callerPhone: A.phone, address: A.address }),
    // Linking a typed number to a tip case identifies its reporter: only for those who may know.
    forOperator: 'none', listsCase: (v) => v.mayKnow,
  },
  // A hit on a number says "this person filed a tip": only for those who may know the reporter.
  { name: 'case list by the reporter\'s phone', method: 'GET', url: () => `/api/v1/cases?phone=${A.national}`, forOperator: 'masked', listsCase: (v) => v.mayKnow && v.inScope },
  { name: 'case list by the texting reporter\'s phone', method: 'GET', url: () => `/api/v1/cases?phone=${encodeURIComponent(B.phone)}`, forOperator: 'masked', listsCase: (v) => (v.mayKnow ? undefined : false) },
  {
    name: 'case export by the reporter\'s phone, CSV', method: 'GET', url: () => `/api/v1/cases/export.csv?phone=${A.national}`, forOperator: 'masked',
    listsCase: (v) => v.mayKnow && v.inScope, decode: csvCells,
  },
  { name: 'supervision notices', method: 'GET', url: () => '/api/v1/supervision/notices?pageSize=100', forOperator: 'none' },
  { name: 'outbox', method: 'GET', url: () => '/api/v1/admin/outbox?pageSize=100', forOperator: 'none' },
  { name: 'audit log', method: 'GET', url: () => '/api/v1/admin/audit?pageSize=100', forOperator: 'none' },
  { name: 'case export, CSV', method: 'GET', url: () => '/api/v1/cases/export.csv', forOperator: 'masked', listsCase: inScope, decode: csvCells },
  { name: 'case export, Excel', method: 'GET', url: () => `/api/v1/cases/export.xlsx?q=${encodeURIComponent('聚众赌博')}`, forOperator: 'masked', listsCase: inScope, decode: xlsxCells },
  { name: 'public tracking', method: 'GET', url: (c) => `/api/v1/public/appeals/${c.parent.trackingCode}`, forOperator: 'none' },
  // Open311 GET requests is public: a tip case never appears, to anyone (test/open311.test.ts gives one a category too).
  { name: 'Open311 requests', method: 'GET', url: () => '/open311/v2/requests.json', forOperator: 'none', listsCase: () => false },
  { name: 'Open311 request by number', method: 'GET', url: (c) => `/open311/v2/requests.json?service_request_id=${c.parent.caseNumber}`, forOperator: 'none', listsCase: () => false },
  // Attachments carry no caller data; a reporter's own photos are withheld by their own rule (test/attachments.test.ts).
  { name: 'attachments', method: 'GET', url: (c) => `/api/v1/cases/${c.parent.id}/attachments`, forOperator: 'none' },
];

/**
 * The structural half: a caller is unsealed for people only in modules/cases/caller.ts, so a new
 * presenter, export or report cannot forget the rule. Unsealing elsewhere is for the citizen's own
 * SMS (notifications.ts) or a comparison that never leaves the server (intake-check); masking
 * elsewhere is of message recipients (outbox, whose hint a protected recipient never gets) and logs.
 */
const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
const filesWhere = (test: (line: string) => boolean): string[] =>
  sourceFiles(SRC)
    .filter((file) => readFileSync(file, 'utf8').split('\n').some(test))
    .map((file) => path.relative(SRC, file).split(path.sep).join('/'))
    .sort();

describeDb(`caller data leaves through one door (${dialect})`, () => {
  it('unseals callers only where the rule is applied or the data never reaches a screen', () => {
    const CALLER_COLUMN = /caller_(name|phone|id_number)_enc|address_enc/;
    // name-index.ts: a stored name is opened once at start-up only to build its blind index (ADR 0027); it goes nowhere.
    // transitions.ts: unmerge opens the address only to write the case's place keys back (ADR 0050); it goes nowhere either.
    expect(filesWhere((line) => line.includes('decrypt(') && CALLER_COLUMN.test(line))).toEqual(['modules/cases/name-index.ts', 'modules/cases/notifications.ts', 'modules/cases/transitions.ts', 'modules/intake-check/candidates.ts']);
    const usesMask = (line: string) => !line.trimStart().startsWith('import') && /\bmask(Phone|Name|Address|IdNumber)\b/.test(line);
    // The screen-pop (ADR 0020) and the callback queue (ADR 0022) show callers through cases/caller.ts too.
    expect(filesWhere(usesMask)).toEqual(['channels/sms/routes.ts', 'modules/cases/caller.ts', 'modules/outbox/enqueue.ts']);
  });
});

describeDb(`tip-line confidentiality (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let sms: FastifyInstance;
  let cases: Cases;
  let police: string;
  const viewers: Viewer[] = [];

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    const j = f.jurisdiction.id;
    police = (await createOrgUnit(t.ctx.db, { jurisdictionId: j, parentId: f.units.city, name: '市公安局', kind: 'department' })).id;
    const user = (username: string, roles: Array<'handler' | 'supervisor' | 'official' | 'operator'>, orgUnitId = police) =>
      createUser(t.ctx.db, { jurisdictionId: j, orgUnitId, username, displayName: username, password: PASSWORD, roles });
    await user('police-handler', ['handler']);
    await user('police-supervisor', ['supervisor']);
    const chief = await user('police-chief', ['official']);
    // An operator account placed in the police: the role alone does not carry the reporter there.
    await user('police-operator', ['operator']);
    const line = await createLine(t.ctx.db, {
      jurisdictionId: j, number: TIP_LINE, name: '公安局长举报短信', ownerUserId: chief.id, ownerTitle: '市公安局局长', mode: 'tip', isPublic: true,
      serviceHours: { weekly: {}, onHolidays: 'open' },
    });
    sms = await buildApp({
      config: { logLevel: 'silent', webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false, smsWebhookSecret: SECRET },
      database: t.database,
      pii: t.pii,
    });
    await sms.ready();

    const cookie = async (username: string) => ({ cookie: await login(t.app, username) });
    const operator = await cookie('operator');
    const admin = await cookie('admin');
    const handler = await cookie('police-handler');
    const act = async (headers: Record<string, string>, caseId: string, action: string, payload: unknown) => {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/${action}`, headers, payload: payload as object });
      if (res.statusCode !== 200) throw new Error(`${action}: ${res.statusCode} ${res.body}`);
    };

    // Reporter A gave the operator everything; reporter B texted the tip line about the same place.
    const opened = await openCase(t.ctx, {
      jurisdiction: f.jurisdiction, channel: 'phone', type: 'report', urgency: 'normal', content: TIP_TEXT,
      callerName: A.name, callerPhone: A.phone, address: A.address, callerIdNumber: A.idNumber, lineId: line.id,
      actor: { kind: 'staff', userId: f.users.operator },
    });
    const message = JSON.stringify({ messageId: 'gw-tip-1', from: B.national, to: TIP_LINE, text: '城南物流园仓库每天晚上都有人赌博，请公安查处。' });
    const delivered = await sms.inject({
      method: 'POST', url: '/api/v1/channels/sms/inbound', payload: message,
      headers: { 'content-type': 'application/json', 'x-openline-signature': `sha256=${createHmac('sha256', SECRET).update(message).digest('hex')}` },
    });
    expect(delivered.statusCode).toBe(200);
    const child = await t.ctx.db.selectFrom('cases').select(['id', 'case_number', 'status']).where('id', '!=', opened.id).executeTakeFirstOrThrow();
    if (child.status !== 'merged') await act(operator, child.id, 'merge', { parentId: opened.id });
    cases = { parent: { id: opened.id, caseNumber: opened.caseNumber, trackingCode: opened.trackingCode }, child: { id: child.id, caseNumber: child.case_number } };

    // Through the tip's life: dispatched to the police, overdue (a supervision notice), worked and
    // answered (an SMS to the reporter in the outbox).
    await act(operator, opened.id, 'dispatch', { leadUnitId: police });
    await sweepDeadlines(t.ctx, { now: () => new Date(Date.now() + 90 * 24 * 3600 * 1000) });
    await act(handler, opened.id, 'accept', {});
    await act(handler, opened.id, 'contact', { note: '经热线转达，已核实线索' });
    await act(handler, opened.id, 'reply', { text: '线索已核实，已依法查处，感谢您的举报。' });

    const issued = await t.app.inject({ method: 'POST', url: '/api/v1/admin/api-tokens', headers: admin, payload: { userId: f.users.operator, name: 'Open311 bridge' } });
    const token = (issued.json() as { token: string }).token;
    const as = (username: string) => () => cookie(username);
    viewers.push(
      { name: 'operator in the hotline centre', headers: as('operator'), mayKnow: true, inScope: true },
      { name: 'admin', headers: as('admin'), mayKnow: false, inScope: true },
      { name: 'supervisor in the hotline centre', headers: as('supervisor'), mayKnow: false, inScope: true },
      { name: 'supervisor in the receiving unit', headers: as('police-supervisor'), mayKnow: false, inScope: true },
      { name: 'handler in the receiving unit', headers: as('police-handler'), mayKnow: false, inScope: true },
      { name: 'official of the city', headers: as('official'), mayKnow: false, inScope: true },
      { name: 'official who owns the tip line', headers: as('police-chief'), mayKnow: false, inScope: true },
      { name: 'operator account placed in the police', headers: as('police-operator'), mayKnow: false, inScope: true },
      { name: 'handler of another unit', headers: as('handler'), mayKnow: false, inScope: false },
      { name: 'API token of a centre operator', headers: async () => ({ authorization: `Bearer ${token}` }), mayKnow: false, inScope: true },
      { name: 'anonymous', headers: async () => ({}), mayKnow: false, inScope: false },
    );
  });
  afterAll(async () => {
    await sms?.close();
    await t.close();
  });

  it('has a tip case that went the whole way, so the routes below have something to leak', async () => {
    const outbox = await t.ctx.db.selectFrom('outbox').select(['template', 'recipient_hint', 'body']).where('channel', '=', 'sms').execute();
    expect(outbox.find((m) => m.template === 'case_replied')?.body).toMatch(/^【测试市】您的举报/);
    expect(outbox.map((m) => m.template)).toEqual(expect.arrayContaining(['case_replied', expect.stringMatching(/^sms_intake_/)]));
    expect(outbox.every((m) => m.recipient_hint === '******')).toBe(true);
    expect(await t.ctx.db.selectFrom('supervision_notices').select('id').where('case_id', '=', cases.parent.id).execute()).not.toHaveLength(0);
    const rows = await t.ctx.db.selectFrom('cases').select(['caller_protected', 'status']).orderBy('created_at').execute();
    expect(rows).toEqual([{ caller_protected: 1, status: 'replied' }, { caller_protected: 1, status: 'merged' }]);
  });

  it('the leak check finds every form of the reporter', () => {
    expect(leaks(JSON.stringify({ n: `尾号${A.national.slice(3, 7)}` }), 'none')).toEqual([A.national.slice(3, 7)]);
    expect(leaks(JSON.stringify({ p: A.masked }), 'none')).toContain(A.masked);
    expect(leaks(JSON.stringify({ p: A.masked }), 'masked')).toEqual([]);
    expect(leaks(JSON.stringify({ p: A.phone }), 'masked')).not.toEqual([]);
    expect(leaks(JSON.stringify({ n: A.maskedName, id: 'e0d2b8a4-1395-4c1e-9574-0123456789ab' }), 'none')).toEqual([A.maskedName]);
    // A UUID inside a string (an outbox recipient) is an id too; the CI run of 2026-12-07 failed on one.
    expect(leaks(JSON.stringify({ to: 'role:supervisor:01a2503e-4444-72dc-85ed-41457468cf4e' }), 'none')).toEqual([]);
    expect(leaks(JSON.stringify({ to: `role:supervisor:01a2503e-4444-72dc-85ed-41454d9e2c4e ${A.national.slice(3, 7)}` }), 'none')).toEqual([A.national.slice(3, 7)]);
  });

  for (const route of ROUTES) {
    it(`${route.name}: the reporter only to those who may know them`, async () => {
      for (const viewer of viewers) {
        const res = await t.app.inject({
          method: route.method, url: route.url(cases), headers: await viewer.headers(),
          ...(route.body ? { payload: route.body(cases) as object } : {}),
        });
        const who = `${route.name} as ${viewer.name} (${res.statusCode})`;
        expect(res.statusCode, who).toBeLessThan(500);
        const allow = viewer.mayKnow ? route.forOperator : 'none';
        const body = res.statusCode === 200 && route.decode ? await route.decode(res.rawPayload) : res.body;
        expect(leaks(body, allow), who).toEqual([]);
        if (res.statusCode !== 200) continue;
        if (allow === 'masked') expect([A.masked, B.masked].some((m) => body.includes(m)), who).toBe(true);
        if (allow === 'full') expect(body, who).toContain(A.national);
        const listed = route.listsCase?.(viewer);
        if (listed !== undefined) expect(body.includes(cases.parent.caseNumber), who).toBe(listed);
      }
    });
  }

  it('reveals a tip reporter to a centre operator only, and audits it', async () => {
    const statuses: Record<string, number> = {};
    for (const viewer of viewers) {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${cases.parent.id}/reveal`, headers: await viewer.headers(), payload: { reason: '核实' } });
      statuses[viewer.name] = res.statusCode;
    }
    expect(statuses).toEqual({
      'operator in the hotline centre': 200,
      admin: 403,
      'supervisor in the hotline centre': 403,
      'supervisor in the receiving unit': 403,
      'handler in the receiving unit': 403,
      'official of the city': 403,
      'official who owns the tip line': 403,
      'operator account placed in the police': 403,
      'handler of another unit': 404,
      'API token of a centre operator': 403,
      anonymous: 401,
    });
    const audits = await t.ctx.db.selectFrom('audit_log').select('actor_user_id').where('action', '=', 'pii.reveal').where('target_id', '=', cases.parent.id).execute();
    expect(audits.length).toBeGreaterThan(0);
    expect(new Set(audits.map((a) => a.actor_user_id))).toEqual(new Set([f.users.operator]));
    // Every refused attempt on a tip reporter is on record too, with who tried ('operator': the
    // API token acting as that account; the other unit's handler never saw the case, a 404).
    const refused = await t.ctx.db.selectFrom('users').innerJoin('audit_log', 'audit_log.actor_user_id', 'users.id').select('users.username')
      .where('audit_log.action', '=', 'pii.reveal_refused').where('audit_log.target_id', '=', cases.parent.id).execute();
    expect(new Set(refused.map((r) => r.username))).toEqual(
      new Set(['admin', 'supervisor', 'police-supervisor', 'police-handler', 'official', 'police-chief', 'police-operator', 'operator']),
    );
  });

  it('stays protected when an admin later changes the line\'s mode', async () => {
    const admin = { cookie: await login(t.app, 'admin') };
    const line = await t.ctx.db.selectFrom('lines').select('id').where('number', '=', TIP_LINE).executeTakeFirstOrThrow();
    const changed = await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/lines/${line.id}`, headers: admin, payload: { mode: 'staffed' } });
    expect(changed.statusCode).toBe(200);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${cases.parent.id}`, headers: { cookie: await login(t.app, 'police-handler') } });
    expect(res.json()).toMatchObject({ callerProtected: true, callerName: null, callerPhone: null, address: null, callerIdNumber: null });
  });
});
