import { ROLES } from '@openline/core';
import { openCase } from '../../src/modules/cases/open-case.js';
import { seedDefaultCategories } from '../../src/modules/categories/seed.js';
import { createJurisdiction, createLine, createOrgUnit, createUser } from '../../src/modules/org/service.js';
import { sweepDeadlines } from '../../src/modules/supervision/sweep.js';
import { TEST_SMS_PUSH_TOKEN } from './sms-gateways.js';
import { insertPetition } from '../../src/modules/petitions/repository.js';
import { newId } from '../../src/lib/ids.js';
import type { TestContext } from './test-context.js';
import { multipart, photo } from './uploads.js';
import { login, PASSWORD, seedFixture, submitAppeal, type Fixture } from './fixtures.js';

/**
 * Who calls a route, for the access matrix and the fuzz suite: nobody, each role of the test
 * jurisdiction, an integration's API token (acting as the operator account), and a user of
 * another jurisdiction who holds every role (so only the jurisdiction boundary stops them).
 */
export const CALLERS = ['anonymous', 'operator', 'handler', 'transport-handler', 'supervisor', 'official', 'admin', 'token', 'foreign'] as const;
export type Caller = (typeof CALLERS)[number];

const USERNAME: Record<Exclude<Caller, 'anonymous' | 'token'>, string> = {
  operator: 'operator', handler: 'handler', 'transport-handler': 'transport-handler', supervisor: 'supervisor',
  official: 'official', admin: 'admin', foreign: 'foreign-admin',
};

/** Ids of one of each thing a route can name, in the test jurisdiction (foreign* in the other one). */
export interface RouteIds {
  /** Dispatched to the housing department, with overdue deadlines and supervision notices. */
  caseId: string;
  /** A citizen's web appeal (still received), and its tracking code. */
  appealCaseId: string;
  trackingCode: string;
  lineId: string;
  articleId: string;
  noticeId: string;
  /** A supervision order on caseId, open (addressed to housing). */
  orderId: string;
  /** Targets for destructive admin routes, so no caller loses its own account or token. */
  victimUserId: string;
  victimTokenId: string;
  unitId: string;
  year: string;
  foreignCaseId: string;
  /** An SMS held over its sender's limit, waiting for an operator. */
  heldMessageId: string;
  foreignUnitId: string;
  /** A live phone-system token (its webhook path), one to revoke, and a blocked caller to unblock. */
  ctiToken: string;
  victimCtiTokenId: string;
  blockedNumberId: string;
  /** An inbound call ringing on the staffed line (screen-pop routes). */
  callId: string;
  /** A category of the default tree's jurisdiction that admin routes rename, retire and delete. */
  categoryId: string;
  /** An official's instruction (批示) on caseId, awaiting the housing department's answer. */
  instructionId: string;
  /** A callback task from an after-hours call to the official's line (never open: no hours). */
  callbackTaskId: string;
  /** The handler's notification of the fixture case's dispatch. */
  notificationId: string;
  /** An abuse flag on a caller's number (ADR 0036), active. */
  callerFlagId: string;
  /** The Aliyun and Tencent SMS push paths' token (support/sms-gateways.ts; the app must be built with it). */
  smsPushToken: string;
  /** A live Open311 key (an application's), one to revoke, and a request it filed: its id, token and service. */
  open311Key: string;
  victimOpen311KeyId: string;
  serviceCode: string;
  serviceRequestId: string;
  open311Token: string;
  /** An SMS petition waiting for its missing fields (name and ID number), on the petition line. */
  petitionId: string;
  /** An image an operator attached to caseId (a document, internal). */
  attachmentId: string;
  /** The citizen's photo on the appeal, sent through its tracking code. */
  fileId: string;
}

export interface RouteFixture {
  f: Fixture;
  ids: RouteIds;
  /** Every id above, for "an id of the wrong kind". */
  allIds: string[];
  /** Headers that make a request come from `caller` (cookie or bearer; JSON for writes). */
  headers(caller: Caller): Record<string, string>;
  /** Signs the caller in again (or issues a new token) if a request ended its session. */
  refresh(caller: Caller): Promise<void>;
}

/** The collection segment before a path parameter decides which id it takes. */
const PARAM_ID: Record<string, keyof RouteIds> = {
  'cases/id': 'caseId', 'lines/id': 'lineId', 'users/id': 'victimUserId', 'articles/id': 'articleId',
  'api-tokens/id': 'victimTokenId', 'notices/id': 'noticeId', 'orders/id': 'orderId', 'appeals/trackingCode': 'trackingCode', 'calendar/year': 'year',
  'held/messageId': 'heldMessageId', 'cti/token': 'ctiToken', 'cti-tokens/id': 'victimCtiTokenId', 'blocked-numbers/id': 'blockedNumberId', 'calls/id': 'callId',
  'categories/id': 'categoryId',
  'instructions/instructionId': 'instructionId',
  'callbacks/id': 'callbackTaskId',
  'notifications/id': 'notificationId',
  'caller-flags/id': 'callerFlagId',
  'aliyun/token': 'smsPushToken',
  'tencent/token': 'smsPushToken',
  'keys/id': 'victimOpen311KeyId',
  'services/service_code': 'serviceCode',
  'requests/service_request_id': 'serviceRequestId',
  'tokens/token': 'open311Token',
  'petitions/id': 'petitionId',
  'org-units/id': 'unitId',
  'attachments/attachmentId': 'attachmentId',
  'files/fileId': 'fileId',
};

/**
 * `/api/v1/cases/:id/reveal` (Fastify) or `/api/v1/cases/{id}/reveal` (OpenAPI) with valid ids.
 * Throws for a parameter nobody taught it: add the collection to PARAM_ID.
 */
export function fillPath(path: string, ids: RouteIds, override?: (param: string, valid: string) => string): string {
  return path.replace(/(?<=\/([^/]+)\/)(?::(\w+)|\{(\w+)\})/g, (_m, collection: string, a?: string, b?: string) => {
    const param = a ?? b ?? '';
    const key = PARAM_ID[`${collection}/${param}`];
    if (!key) throw new Error(`No fixture id for "${collection}/:${param}" in ${path}: add it to PARAM_ID in test/support/route-fixture.ts`);
    const valid = ids[key];
    return override ? override(param, valid) : valid;
    // GeoReport v2 paths end in their format (`requests.:format`, `/requests.{format}` in OpenAPI).
  }).replace(/\.(?::format|\{format\})$/, () => `.${override ? override('format', 'json') : 'json'}`);
}

export async function seedRouteFixture(t: TestContext): Promise<RouteFixture> {
  const f = await seedFixture(t.ctx);
  const inject = async (cookie: string, method: 'POST', url: string, payload: object) => {
    const res = await t.app.inject({ method, url, headers: { cookie }, payload });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as Record<string, unknown> & { id: string };
  };
  const sessions = new Map<Caller, string>();
  for (const [caller, username] of Object.entries(USERNAME)) if (caller !== 'foreign') sessions.set(caller as Caller, await login(t.app, username));
  const admin = (): string => sessions.get('admin') ?? '';

  const caseId = (await openCase(t.ctx, {
    jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency: 'normal', content: '楼道堆放杂物，物业不管。',
    callerPhone: '+8613800001111', actor: { kind: 'staff', userId: f.users.operator },
  })).id;
  await inject(sessions.get('operator') ?? '', 'POST', `/api/v1/cases/${caseId}/dispatch`, { leadUnitId: f.units.housing });
  await sweepDeadlines(t.ctx, { now: () => new Date(Date.now() + 30 * 86_400_000) });
  const notification = await t.ctx.db.selectFrom('notifications').select('id').where('case_id', '=', caseId).where('user_id', '=', f.users.handler).where('kind', '=', 'dispatch').executeTakeFirstOrThrow();
  const instruction = await inject(sessions.get('official') ?? '', 'POST', `/api/v1/cases/${caseId}/instructions`, { text: '请核实后尽快处理并回复。' });
  const notice = await t.ctx.db.selectFrom('supervision_notices').select('id').where('case_id', '=', caseId).executeTakeFirstOrThrow();
  const order = await inject(sessions.get('supervisor') ?? '', 'POST', `/api/v1/cases/${caseId}/supervision-orders`, { instruction: '请于期限内办结并报告', replyWorkingDays: 3 });
  const { trackingCode, caseNumber } = await submitAppeal(t.app, { name: '王女士', phone: '13800002222', content: '小区门口路灯坏了一个月。' });
  const appeal = await t.ctx.db.selectFrom('cases').select('id').where('case_number', '=', caseNumber).executeTakeFirstOrThrow();

  const { id: lineId } = await createLine(t.ctx.db, {
    jurisdictionId: f.jurisdiction.id, number: '0000-12345678', name: '市长公开电话', ownerUserId: f.users.official, ownerTitle: '市长',
    mode: 'staffed', isPublic: true, serviceHours: { weekly: {}, onHolidays: 'open' },
  });
  const article = await inject(admin(), 'POST', '/api/v1/admin/kb/articles', { question: '社保卡怎么补办？', answer: '携带身份证到社保服务大厅办理。', tags: ['社保'] });
  const victim = await createUser(t.ctx.db, { jurisdictionId: f.jurisdiction.id, orgUnitId: f.units.centre, username: 'victim', displayName: 'victim', password: PASSWORD, roles: ['operator'] });
  const issue = async (name: string) => inject(admin(), 'POST', '/api/v1/admin/api-tokens', { userId: f.users.operator, name });
  const victimToken = await issue('fuzz victim');
  let token = String((await issue('caller')).token);

  const other = await createJurisdiction(t.ctx.db, { code: 'other-city', name: '邻市' });
  const otherCity = await createOrgUnit(t.ctx.db, { jurisdictionId: other.id, parentId: null, name: '邻市人民政府', kind: 'city' });
  await createUser(t.ctx.db, { jurisdictionId: other.id, orgUnitId: otherCity.id, username: USERNAME.foreign, displayName: '邻市管理员', password: PASSWORD, roles: [...ROLES] });
  sessions.set('foreign', await login(t.app, USERNAME.foreign));
  const foreignCaseId = (await openCase(t.ctx, {
    jurisdiction: other, channel: 'phone', type: 'consultation', urgency: 'normal', content: '邻市的咨询。', actor: { kind: 'citizen' },
  })).id;

  const heldMessageId = 'held-route-fixture';
  await t.ctx.db.insertInto('inbound_sms').values({
    message_id: heldMessageId, jurisdiction_id: f.jurisdiction.id, line_id: lineId, case_id: null, outcome: 'held', gateway_received_at: null,
    created_at: new Date().toISOString(), sender_enc: t.ctx.pii.encrypt('+8613800006666'), text_enc: t.ctx.pii.encrypt('路灯坏了。'), settled_at: null, settled_by: null,
  }).execute();

  const ctiToken = String((await inject(admin(), 'POST', '/api/v1/admin/cti-tokens', { name: 'route fixture PBX' })).token);
  const victimCtiToken = await inject(admin(), 'POST', '/api/v1/admin/cti-tokens', { name: 'fuzz victim PBX' });
  const blocked = await inject(admin(), 'POST', '/api/v1/admin/blocked-numbers', { number: '13700001234', note: 'fixture' });
  await t.app.inject({ method: 'POST', url: `/api/v1/cti/${ctiToken}`, payload: { event: 'newCall', direction: 'in', from: '13800002222', to: '0000-12345678', call_id: 'route-fixture-call' } });
  const call = await t.ctx.db.selectFrom('call_records').select('id').where('external_id', '=', 'route-fixture-call').executeTakeFirstOrThrow();
  await seedDefaultCategories(t.ctx.db, f.jurisdiction.id);
  const category = await inject(admin(), 'POST', '/api/v1/admin/categories', { parentId: null, code: 'fixture-spare', name: '备用分类' });
  const open311Key = String((await inject(admin(), 'POST', '/api/v1/admin/open311/keys', { name: 'route fixture app' })).apiKey);
  const victimOpen311Key = await inject(admin(), 'POST', '/api/v1/admin/open311/keys', { name: 'fuzz victim app' });
  const filed = await t.app.inject({
    method: 'POST', url: '/open311/v2/requests.json', payload: `api_key=${open311Key}&service_code=garbage&lat=39.9&long=116.4&description=${encodeURIComponent('小区垃圾三天没清运。')}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  if (filed.statusCode !== 200) throw new Error(`open311 fixture request: ${filed.statusCode} ${filed.body}`);
  const [open311Request] = filed.json() as Array<{ service_request_id: string; token: string }>;

  await t.app.inject({ method: 'POST', url: `/api/v1/cti/${ctiToken}`, payload: { event: 'newCall', direction: 'in', from: '13800008888', to: '0000-12345678', call_id: 'fixture-after-hours' } });
  const callback = await t.ctx.db.selectFrom('callback_tasks').select('id').where('line_id', '=', lineId).executeTakeFirstOrThrow();

  const petitionLine = await createLine(t.ctx.db, {
    jurisdictionId: f.jurisdiction.id, number: '0000-13900001111', name: '信访局局长短信', ownerUserId: null, ownerTitle: '市信访局局长',
    mode: 'sms_only', isPublic: true, serviceHours: { weekly: {}, onHolidays: 'open' },
  });
  const petitionId = newId();
  const at = new Date();
  await insertPetition(t.ctx.db, {
    id: petitionId, jurisdiction_id: f.jurisdiction.id, line_id: petitionLine.id, status: 'pending', sender_enc: t.ctx.pii.encrypt('+8613800009999'),
    sender_bidx: t.ctx.pii.blindIndex('+8613800009999'), text: '市住建局：小区违建，住址东城区和平里1号。', text_enc: t.ctx.pii.encrypt('市住建局：小区违建，住址东城区和平里1号。'), parts: 1,
    unit_id: f.units.housing, unit_matched: '市住建局', name_enc: null, address_enc: t.ctx.pii.encrypt('东城区和平里1号'), id_number_enc: null, demand_enc: t.ctx.pii.encrypt('小区违建'),
    missing: JSON.stringify(['name', 'idNumber']), invalid: '[]', created_at: at.toISOString(), updated_at: at.toISOString(),
    expires_at: new Date(at.getTime() + 72 * 3_600_000).toISOString(), case_id: null, settled_at: null, settled_by: null,
  });

  const callerFlag = await inject(sessions.get('operator') ?? '', 'POST', '/api/v1/caller-flags', { phone: '13700005678', reason: 'harassment', note: '凌晨反复来电骚扰。' });

  const attach = async (url: string, fields: Record<string, string>, cookie: string) => {
    const body = await multipart({ bytes: await photo({ width: 120, height: 90 }) }, fields);
    const res = await t.app.inject({ method: 'POST', url, headers: { ...body.headers, cookie, 'x-openline-upload': '1' }, payload: body.payload });
    if (res.statusCode !== 201) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
    return (res.json() as { id: string }).id;
  };
  const attachmentId = await attach(`/api/v1/cases/${caseId}/attachments`, { kind: 'document' }, sessions.get('operator') ?? '');
  const fileId = await attach(`/api/v1/public/appeals/${trackingCode}/files`, { public: 'true' }, '');

  const ids: RouteIds = {
    petitionId, callerFlagId: callerFlag.id,
    attachmentId, fileId,
    heldMessageId, ctiToken, victimCtiTokenId: victimCtiToken.id, blockedNumberId: blocked.id, callId: call.id, instructionId: instruction.id, callbackTaskId: callback.id,
    caseId, appealCaseId: appeal.id, trackingCode, lineId, articleId: article.id, noticeId: notice.id, orderId: order.id,
    victimUserId: victim.id, victimTokenId: victimToken.id, unitId: f.units.housing, year: String(new Date().getUTCFullYear()),
    foreignCaseId, foreignUnitId: otherCity.id, categoryId: category.id, notificationId: notification.id,
    smsPushToken: TEST_SMS_PUSH_TOKEN,
    open311Key, victimOpen311KeyId: victimOpen311Key.id, serviceCode: 'garbage', serviceRequestId: open311Request?.service_request_id ?? '', open311Token: open311Request?.token ?? '',
  };
  const headers = (caller: Caller): Record<string, string> => {
    if (caller === 'anonymous') return {};
    if (caller === 'token') return { authorization: `Bearer ${token}` };
    return { cookie: sessions.get(caller) ?? '' };
  };
  const refresh = async (caller: Caller): Promise<void> => {
    if (caller === 'anonymous') return;
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: headers(caller) });
    if (me.statusCode !== 401) return;
    if (caller === 'token') token = String((await issue('caller')).token);
    else sessions.set(caller, await login(t.app, USERNAME[caller]));
  };
  return { f, ids, allIds: Object.values(ids).filter((v) => v.length > 8), headers, refresh };
}
