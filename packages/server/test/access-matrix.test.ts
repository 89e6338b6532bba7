import type { CaseStatus } from '@openline/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCase } from '../src/modules/cases/open-case.js';
import { CALLERS, fillPath, seedRouteFixture, type Caller, type RouteFixture } from './support/route-fixture.js';
import { PASSWORD } from './support/fixtures.js';
import { TEST_SMS_GATEWAYS } from './support/sms-gateways.js';
import { multipart, photo } from './support/uploads.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

type Body = Record<string, unknown>;
interface Entry {
  /** Who gets through. Everyone else is refused: anonymous 401, staff 403 or 404 (out of scope). */
  allow: readonly Caller[];
  /** A valid body, so a refusal is about the caller, not the input (validation runs first). */
  body?: Body | Body[] | ((s: Setup) => Body | Promise<Body>);
  /** A query string the route requires. */
  query?: string;
  /** Act on a fresh case in this status (lead unit: housing), for the lifecycle actions. */
  case?: CaseStatus;
  /** Each caller signs in anew for this request (signing out ends the session). */
  fresh?: true;
  /** Authenticated by an HMAC signature, not a session: every unsigned caller gets 401. */
  signed?: true;
  /** Answers an endless stream (server-sent events): an allowed caller's headers are checked, then it is dropped. */
  stream?: true;
  /**
   * Authenticated by the deployment's own bearer token (METRICS_TOKEN), not a session or an API
   * token: every caller here gets 401; test/metrics.test.ts lets the token (and loopback) through.
   */
  configToken?: true;
  /** A file upload: these text fields and a small real JPEG, as multipart/form-data (with the upload header, ADR 0035). */
  multipart?: Record<string, string>;
}
interface Setup {
  fx: RouteFixture;
  get(url: string): Promise<Body>;
}

// Callers: a user of another jurisdiction ('foreign') holds every role, so only the boundary
// between jurisdictions stops them; 'token' is an API token acting as the operator account.
const ANYONE = CALLERS;
const STAFF: readonly Caller[] = CALLERS.filter((c) => c !== 'anonymous');
/** Admins, each in their own jurisdiction. */
const ADMINS: readonly Caller[] = ['admin', 'foreign'];
const INTAKE: readonly Caller[] = ['operator', 'admin', 'token', 'foreign'];
/** Who may see the fixture case (dispatched to housing): not transport, not another jurisdiction. */
const SEES_CASE: readonly Caller[] = ['operator', 'handler', 'supervisor', 'official', 'admin', 'token'];
const text = (s: string): Body => ({ text: s });
const reason = { reason: '核实后处理' };
const housing = (s: Setup): string => s.fx.f.units.housing;

/**
 * Every registered route (method and path as Fastify registers them) → who may call it. A new
 * route fails the coverage test below until it has a line here; keep one line per route.
 */
const MATRIX: Record<string, Entry> = {
  'GET /healthz': { allow: ANYONE },
  // Operations (issue 13 §5, ADR 0034): the context below sets METRICS_TOKEN, as production should.
  'GET /metrics': { allow: [], configToken: true },
  'GET /openapi.json': { allow: ANYONE },
  'POST /api/v1/auth/login': { allow: ANYONE, body: { username: 'victim', password: PASSWORD } },
  'POST /api/v1/auth/logout': { allow: STAFF, fresh: true, body: {} },
  'GET /api/v1/me': { allow: STAFF },
  'GET /api/v1/public/lines': { allow: ANYONE },
  'GET /api/v1/public/lines/answer-rates': { allow: ANYONE },
  'GET /api/v1/public/stats': { allow: ANYONE, query: '?month=2026-03' },
  'GET /api/v1/public/open-data/cases.csv': { allow: ANYONE, query: '?month=2026-03' },
  'GET /api/v1/public/open-data/cases.json': { allow: ANYONE, query: '?month=2026-03' },
  'GET /api/v1/public/open-data/dictionary': { allow: ANYONE },
  'POST /api/v1/public/appeals': { allow: ANYONE, body: { name: '李先生', phone: '13800003333', content: '人行道地砖松动，容易绊倒。' } },
  'GET /api/v1/public/appeals/:trackingCode': { allow: ANYONE },
  'POST /api/v1/public/appeals/:trackingCode/rating': { allow: ANYONE, body: { solved: true, satisfaction: 'satisfied' } },
  'POST /api/v1/channels/sms/inbound': { allow: [], signed: true, body: { messageId: 'm1', from: '13800004444', to: '12345', text: '路灯坏了' } },
  // The SMS providers' formats (ADR 0030). Aliyun and Tencent cannot sign: the token in the path is the credential, whoever
  // sends it (test/sms-gateways-inbound.test.ts: 401 without); the first caller's message is taken, the rest are duplicates.
  'POST /api/v1/channels/sms/aliyun/:token': {
    allow: ANYONE, body: [{ phone_number: '13800004445', content: '路灯坏了', send_time: '2026-12-05 09:00:00', dest_code: '', sequence_id: 1, sign_name: '测试市' }],
  },
  'POST /api/v1/channels/sms/tencent/:token': { allow: ANYONE, body: { extend: '', mobile: '13800004446', nationcode: '86', sign: '测试市', text: '路灯坏了', time: 1764898200 } },
  'POST /api/v1/channels/sms/twilio': { allow: [], signed: true, body: { MessageSid: `SM${'0'.repeat(32)}`, From: '+8613800004447', To: '+86 0000 12345678', Body: '路灯坏了' } },
  'GET /api/v1/cases': { allow: STAFF },
  'POST /api/v1/cases': { allow: INTAKE, body: { channel: 'phone', callerPhone: '13800002222', content: '咨询社保卡补办。', type: 'consultation' } },
  'GET /api/v1/cases/:id': { allow: SEES_CASE },
  'POST /api/v1/cases/:id/reveal': { allow: ['operator', 'handler', 'supervisor', 'token'], body: { reason: '回访核实' } },
  'PUT /api/v1/cases/:id/vulnerabilities': { allow: ['operator', 'supervisor', 'admin', 'token'], body: { flags: ['elderly'] } },
  'POST /api/v1/cases/:id/contacts': { allow: ['operator', 'admin', 'token'], body: { channel: 'phone', callerPhone: '13800001111', content: '再次来电催办。' } },
  'GET /api/v1/search/cases': { allow: STAFF, query: '?q=杂物' },
  // The official's desk and the operators' queues (issue 12 §2–3, ADR 0027).
  'GET /api/v1/desk': { allow: STAFF },
  'GET /api/v1/cases/queues': { allow: ['operator', 'admin', 'token', 'foreign'] },
  'GET /api/v1/cases/:id/instructions': { allow: SEES_CASE },
  'POST /api/v1/cases/:id/instructions': { allow: ['official'], body: text('请三日内核实处理并回复。') },
  // Only a handler of the lead unit (housing); the fixture's instruction is addressed to it.
  'POST /api/v1/cases/:id/instructions/:instructionId/answer': { allow: ['handler'], body: text('已收到批示，正在处理。') },
  'GET /api/v1/cases/:id/follow': { allow: SEES_CASE },
  'PUT /api/v1/cases/:id/follow': { allow: SEES_CASE, body: { following: true } },
  'POST /api/v1/intake/suggest': { allow: INTAKE, body: { content: '楼道堆放杂物。' } },
  'POST /api/v1/intake/check': { allow: INTAKE, body: { content: '楼道堆放杂物。', callerPhone: '13800001111' } },
  'POST /api/v1/contacts/emergency-redirect': { allow: INTAKE, body: { channel: 'phone', content: '家里着火了', redirectNumber: '119', category: 'fire' } },
  'GET /api/v1/org-units': { allow: STAFF },
  'GET /api/v1/kb/articles': { allow: STAFF },
  // Everyone reads and clears their own notifications; one of them is only its recipient's.
  'GET /api/v1/notifications': { allow: STAFF },
  'POST /api/v1/notifications/read-all': { allow: STAFF, body: {} },
  'POST /api/v1/notifications/:id/read': { allow: ['handler'], body: {} },
  // Each caller sees the units of their case-list scope; 'foreign' gets its own jurisdiction's.
  'GET /api/v1/stats/units': { allow: STAFF, query: '?from=2026-03-01&to=2026-03-31' },
  'GET /api/v1/stats/units.xlsx': { allow: STAFF, query: '?from=2026-03-01&to=2026-03-31' },
  'GET /api/v1/stats/report.xlsx': { allow: STAFF, query: '?month=2026-03' },
  // Each caller exports the cases of their own list scope (modules/exports).
  'GET /api/v1/cases/export.csv': { allow: STAFF },
  'GET /api/v1/cases/export.xlsx': { allow: STAFF },
  'GET /api/v1/stats/line-calls': { allow: STAFF, query: '?from=2026-03-01&to=2026-03-31&by=month' },
  'GET /api/v1/stats/figures': { allow: STAFF, query: '?from=2026-03-01&to=2026-03-31&by=unit&subtree=true' },
  'GET /api/v1/stats/ranking': { allow: STAFF, query: '?month=2026-03&kind=department' },
  'GET /api/v1/stats/returns': { allow: STAFF, query: '?from=2026-03-01&to=2026-03-31' },
  'GET /api/v1/stats/fairness': { allow: STAFF, query: '?month=2026-03' },
  'GET /api/v1/supervision/notices': { allow: ['handler', 'transport-handler', 'supervisor', 'admin', 'foreign'] },
  // Only the addressed unit signs for a notice (issue 12 §1): not the city office's supervisors, not admins.
  'POST /api/v1/supervision/notices/:id/acknowledge': { allow: ['handler'], body: {} },
  'GET /api/v1/supervision/orders': { allow: ['handler', 'transport-handler', 'supervisor', 'admin', 'foreign'] },
  'POST /api/v1/supervision/orders/:id/answer': { allow: ['handler'], body: { text: '已安排专人处理，三日内办结。' } },
  // After the answer above the order awaits closing; before it the supervisor meets 409, never 401/403.
  'POST /api/v1/supervision/orders/:id/close': { allow: ['supervisor'], body: { note: '答复属实' } },
  // Co-handling (协办): everyone who sees the case reads it; only a co-unit's handler records (the fixture case has none: 403 for all).
  'GET /api/v1/cases/:id/co-handling': { allow: SEES_CASE },
  'POST /api/v1/cases/:id/co-handling': { allow: [], body: { kind: 'progress', text: '已现场查看。' } },
  // Caller flags are the hotline centre's, decided by people (ADR 0036): no department, no API token.
  'GET /api/v1/caller-flags': { allow: ['operator', 'supervisor', 'admin', 'foreign'] },
  'POST /api/v1/caller-flags': { allow: ['operator', 'supervisor', 'foreign'], body: { phone: '13700007777', reason: 'abusive_language', note: '来电辱骂话务员。' } },
  'POST /api/v1/caller-flags/:id/review': { allow: ['supervisor'], body: { decision: 'confirm', note: '录音核实属实' } },
  'GET /api/v1/caller-flags/cases': { allow: ['operator', 'supervisor', 'admin', 'foreign'] },
  'GET /api/v1/caller-flags/settings': { allow: ['operator', 'supervisor', 'admin', 'foreign'] },
  'PUT /api/v1/caller-flags/settings': { allow: ['supervisor', 'admin', 'foreign'], body: { designatedUserId: null } },
  'GET /api/v1/supervision/queues': { allow: ['supervisor', 'foreign'] },
  'GET /api/v1/supervision/extensions': { allow: ['supervisor', 'foreign'] },
  'POST /api/v1/cases/:id/urge': { allow: ['supervisor'], case: 'accepted', body: { note: '请加快办理' } },
  'POST /api/v1/cases/:id/supervision-orders': { allow: ['supervisor'], case: 'accepted', body: { instruction: '请三日内办结', replyWorkingDays: 3 } },

  // The lifecycle: each verb on a case in a status it applies to; who may act is the table in core.
  'POST /api/v1/cases/:id/triage': { allow: ['operator', 'token'], case: 'received', body: {} },
  'POST /api/v1/cases/:id/answer-directly': { allow: ['operator', 'token'], case: 'received', body: text('已电话答复。') },
  'POST /api/v1/cases/:id/dispatch': { allow: ['operator', 'token'], case: 'received', body: (s) => ({ leadUnitId: housing(s) }) },
  'POST /api/v1/cases/:id/accept': { allow: ['handler'], case: 'dispatched', body: {} },
  'POST /api/v1/cases/:id/return': { allow: ['handler'], case: 'dispatched', body: reason },
  'POST /api/v1/cases/:id/contact': { allow: ['handler'], case: 'accepted', body: { note: '已电话联系' } },
  'POST /api/v1/cases/:id/progress': { allow: ['handler'], case: 'accepted', body: { note: '已现场查看' } },
  'POST /api/v1/cases/:id/extension': { allow: ['handler'], case: 'in_progress', body: { workingDays: 3, ...reason } },
  'POST /api/v1/cases/:id/extension/approve': { allow: ['supervisor'], case: 'in_progress', body: {} },
  'POST /api/v1/cases/:id/extension/reject': { allow: ['supervisor'], case: 'in_progress', body: {} },
  'POST /api/v1/cases/:id/reply': { allow: ['handler'], case: 'in_progress', body: text('已处理完毕。') },
  'POST /api/v1/cases/:id/visit': { allow: ['operator', 'supervisor', 'token'], case: 'replied', body: { solved: true, satisfaction: 'satisfied' } },
  'POST /api/v1/cases/:id/close': { allow: ['supervisor'], case: 'replied', body: reason },
  'POST /api/v1/cases/:id/reopen': { allow: ['supervisor'], case: 'closed', body: reason },
  'POST /api/v1/cases/:id/merge': { allow: ['operator', 'supervisor', 'token'], case: 'received', body: (s) => ({ parentId: s.fx.ids.appealCaseId }) },
  'POST /api/v1/cases/:id/unmerge': { allow: ['operator', 'supervisor', 'token'], case: 'merged', body: reason },
  'POST /api/v1/cases/:id/invalidate': { allow: ['operator', 'supervisor', 'token'], case: 'received', body: reason },
  'POST /api/v1/cases/:id/restore': { allow: ['supervisor'], case: 'invalid', body: reason },
  'POST /api/v1/cases/:id/arbitrate': { allow: ['supervisor'], case: 'returned', body: (s) => ({ leadUnitId: housing(s), note: '由住建局办理' }) },
  'POST /api/v1/cases/:id/redispatch': { allow: ['supervisor'], case: 'accepted', body: (s) => ({ leadUnitId: s.fx.f.units.transport, reason: '超期未办，改派交通局' }) },

  // Administration: admins of each jurisdiction act on their own; a thing of this one is 404 to the other.
  'GET /api/v1/admin/users': { allow: ADMINS },
  'POST /api/v1/admin/users': { allow: ['admin'], body: (s) => ({ username: `u${Date.now()}`, displayName: '新同事', password: PASSWORD, roles: ['operator'], orgUnitId: s.fx.f.units.centre }) },
  'PATCH /api/v1/admin/users/:id': { allow: ['admin'], body: { displayName: '改名' } },
  'POST /api/v1/admin/org-units': { allow: ['admin'], body: (s) => ({ parentId: s.fx.f.units.city, name: `科室${Math.random()}`, kind: 'department' }) },
  'GET /api/v1/admin/lines': { allow: ADMINS },
  'POST /api/v1/admin/lines': { allow: ADMINS, body: () => ({ number: `0000-${Math.floor(Math.random() * 1e8)}`, name: '值班电话', mode: 'direct', ownerTitle: '值班室', isPublic: false, serviceHours: { weekly: {}, onHolidays: 'closed' } }) },
  'PATCH /api/v1/admin/lines/:id': { allow: ['admin'], body: { name: '市长公开电话（新）' } },
  'GET /api/v1/admin/outbox': { allow: ADMINS },
  'GET /api/v1/admin/audit': { allow: ADMINS },
  'GET /api/v1/admin/deadline-policy': { allow: ADMINS },
  'PUT /api/v1/admin/deadline-policy': { allow: ADMINS, body: async (s) => ({ policy: (await s.get('/api/v1/admin/deadline-policy')).policy }) },
  'GET /api/v1/admin/calendar': { allow: ADMINS },
  'PUT /api/v1/admin/calendar/:year': { allow: ADMINS, body: { holidays: [], makeupWorkdays: [] } },
  'GET /api/v1/admin/calendar/:year/package': { allow: ADMINS },
  'GET /api/v1/admin/api-tokens': { allow: ADMINS },
  'POST /api/v1/admin/api-tokens': { allow: ['admin'], body: (s) => ({ userId: s.fx.f.users.operator, name: 'bridge' }) },
  'POST /api/v1/admin/api-tokens/:id/revoke': { allow: ['admin'], body: {} },
  'GET /api/v1/admin/kb/articles': { allow: ADMINS },
  'POST /api/v1/admin/kb/articles': { allow: ADMINS, body: { question: '公积金怎么提取？', answer: '凭购房合同到公积金中心办理。' } },
  'PATCH /api/v1/admin/kb/articles/:id': { allow: ['admin'], body: { tags: ['社保', '补办'] } },
  'GET /api/v1/admin/routing/models': { allow: ADMINS },
  'POST /api/v1/admin/routing/train': { allow: ADMINS, body: {} },
  'GET /api/v1/admin/category-models': { allow: ADMINS },
  'POST /api/v1/admin/category-models/train': { allow: ADMINS, body: {} },
  'GET /api/v1/admin/routing/keywords': { allow: ADMINS },
  'PUT /api/v1/admin/routing/keywords': { allow: ['admin'], body: (s) => ({ rules: [{ unitId: housing(s), keywords: ['物业', '楼道'] }] }) },
  'GET /api/v1/admin/urgency-lexicon': { allow: ADMINS },
  'GET /api/v1/admin/ranking-weights': { allow: ADMINS },
  'PUT /api/v1/admin/ranking-weights': { allow: ADMINS, body: async (s) => ({ settings: (await s.get('/api/v1/admin/ranking-weights')).settings }) },
  'GET /api/v1/admin/rate-limits': { allow: ADMINS },
  'GET /api/v1/admin/public-intake': { allow: ADMINS },
  // Supervisors read the escalation delays; admins set them.
  'GET /api/v1/admin/escalation-tiers': { allow: ['supervisor', 'admin', 'foreign'] },
  'PUT /api/v1/admin/escalation-tiers': { allow: ADMINS, body: async (s) => ({ settings: (await s.get('/api/v1/admin/escalation-tiers')).settings }) },
  // Deployment-wide: platform admins only (none among these callers; test/rate-limits.test.ts lets one through).
  'PUT /api/v1/admin/rate-limits': { allow: [], body: async (s) => ({ limits: (await s.get('/api/v1/admin/rate-limits')).limits }) },
  'GET /api/v1/sms/held': { allow: INTAKE },
  // The first allowed caller settles the held message; later ones meet 409, never 401/403.
  'POST /api/v1/sms/held/:messageId/process': { allow: ['operator', 'admin', 'token'], body: {} },
  'POST /api/v1/sms/held/:messageId/dismiss': { allow: ['operator', 'admin', 'token'], body: reason },
  // The SMS petition line's waiting petitions (issue 11 §1): the centre's operators and admins; the first allowed caller completes it.
  'GET /api/v1/petitions': { allow: INTAKE },
  'GET /api/v1/petitions/:id': { allow: ['operator', 'admin', 'token'] },
  // Revealing a sender follows the caller rule (core callerVisibility): admins oversee, they do not unseal.
  'POST /api/v1/petitions/:id/reveal': { allow: ['operator', 'token'], body: reason },
  'POST /api/v1/petitions/:id/complete': { allow: ['operator', 'admin', 'token'], body: { name: '张建国', idNumber: '11010519491231002X' } },
  'PUT /api/v1/admin/org-units/:id/aliases': { allow: ['admin'], body: { aliases: ['住建局', '建委'] } },
  // Platform admins only: no caller here is one (test/platform.test.ts covers who gets through).
  'GET /api/v1/platform/jurisdictions': { allow: [] },
  'POST /api/v1/platform/jurisdictions': { allow: [], body: { code: 'new-city', name: '新市', rootUnit: { name: '新市人民政府' } } },
  // Telephony (issue 10). The webhook authenticates by the token in its path, whoever sends it (test/telephony-cti.test.ts: 401 without).
  'POST /api/v1/cti/:token': { allow: ANYONE, body: { event: 'newCall', direction: 'in', from: '13800007777', to: '0000-12345678', call_id: 'matrix-call' } },
  'GET /api/v1/admin/cti-tokens': { allow: ADMINS },
  'POST /api/v1/admin/cti-tokens': { allow: ADMINS, body: { name: 'PBX' } },
  'DELETE /api/v1/admin/cti-tokens/:id': { allow: ['admin'], body: {} },
  // Live events (ADR 0020): every person signed in gets their own stream (not an integration's token).
  'GET /api/v1/live': { allow: STAFF.filter((c) => c !== 'token'), stream: true },
  // Screen-pop (issue 10 §2): history for intake; a ringing call is taken and linked by the centre's operators only (ADR 0006).
  'GET /api/v1/callers/history': { allow: INTAKE, query: '?phone=13800002222' },
  'POST /api/v1/calls/:id/take': { allow: ['operator'], body: {} },
  'PUT /api/v1/calls/:id/case': { allow: ['operator'], body: (s) => ({ caseId: s.fx.ids.caseId }) },
  'GET /api/v1/admin/blocked-numbers': { allow: ADMINS },
  'POST /api/v1/admin/blocked-numbers': { allow: ADMINS, body: () => ({ number: `1370000${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}` }) },
  'DELETE /api/v1/admin/blocked-numbers/:id': { allow: ['admin'], body: {} },
  'GET /api/v1/admin/cold-lines': { allow: ADMINS },
  'PUT /api/v1/admin/lines/:id/cold-thresholds': { allow: ['admin'], body: { answerRate: 0.9, promptSeconds: 20, promptRate: 0.9 } },
  'DELETE /api/v1/admin/lines/:id/cold-thresholds': { allow: ['admin'], body: {} },
  'POST /api/v1/admin/call-records/import': { allow: ADMINS, body: { csv: '"","13812345678","88001234","from-pstn","","SIP/a","","Dial","","2026-12-01 09:00:00","","2026-12-01 09:00:09",9,0,"NO ANSWER","DOCUMENTATION","1764550800.77"' } },
  // Callbacks (issue 10 §5, ADR 0022). The fixture task is on the official's line, worked by the owner's unit (the city:
  // official, admin); supervisors in the hotline centre watch it; everyone gets their own queue and their own lines.
  'GET /api/v1/callbacks': { allow: STAFF },
  'GET /api/v1/callbacks/:id': { allow: ['official', 'admin', 'supervisor'] },
  'POST /api/v1/callbacks/:id/attempts': { allow: ['official', 'admin'], body: { result: 'no_answer' } },
  'POST /api/v1/callbacks/:id/case': { allow: ['official', 'admin'], body: (s) => ({ caseId: s.fx.ids.caseId }) },
  'POST /api/v1/callbacks/:id/reveal': { allow: ['official', 'admin', 'supervisor'], body: {} },
  'GET /api/v1/me/lines': { allow: STAFF },
  'GET /api/v1/admin/lines/:id/callback-settings': { allow: ['admin'] },
  'PUT /api/v1/admin/lines/:id/callback-settings': { allow: ['admin'], body: { afterHoursNumber: '0000-12345', callbackUnitId: null, withinMinutes: 60, maxTries: 3 } },
  'PUT /api/v1/admin/urgency-lexicon': { allow: ADMINS, body: async (s) => ({ lexicon: (await s.get('/api/v1/admin/urgency-lexicon')).lexicon }) },
  // Categories (issue 12 §6). The fixture's admin already has a tree (409 on load); the foreign one loads its own.
  'GET /api/v1/categories': { allow: STAFF },
  'GET /api/v1/public/categories': { allow: ANYONE },
  'POST /api/v1/admin/categories/load-defaults': { allow: ADMINS, body: {} },
  'POST /api/v1/admin/categories': { allow: ADMINS, body: () => ({ parentId: null, code: `m-${Math.floor(Math.random() * 1e9)}`, name: '新分类' }) },
  'PATCH /api/v1/admin/categories/:id': { allow: ['admin'], body: { name: '改名分类' } },
  'POST /api/v1/admin/categories/:id/retire': { allow: ['admin'], body: {} },
  'POST /api/v1/admin/categories/:id/restore': { allow: ['admin'], body: {} },
  'PUT /api/v1/cases/:id/category': { allow: ['operator', 'supervisor', 'admin', 'token'], body: (s) => ({ categoryId: s.fx.ids.categoryId }) },
  // Open311 GeoReport v2 (issue 11 §3, ADR 0031): public reads; a POST needs an application's key, whoever sends it
  // (test/open311.test.ts: 403 without); keys and category questions are each jurisdiction's admin's.
  'GET /open311/v2/discovery.:format': { allow: ANYONE },
  'GET /open311/v2/services.:format': { allow: ANYONE },
  'GET /open311/v2/services/:service_code.:format': { allow: ANYONE },
  'GET /open311/v2/requests.:format': { allow: ANYONE },
  'POST /open311/v2/requests.:format': { allow: ANYONE, body: (s) => ({ api_key: s.fx.ids.open311Key, service_code: 'garbage', address_string: '人民路 1 号', description: '垃圾桶满了没人清。' }) },
  'GET /open311/v2/requests/:service_request_id.:format': { allow: ANYONE },
  'GET /open311/v2/tokens/:token.:format': { allow: ANYONE },
  'GET /api/v1/admin/open311/keys': { allow: ADMINS },
  'POST /api/v1/admin/open311/keys': { allow: ADMINS, body: { name: 'FixMyStreet' } },
  'DELETE /api/v1/admin/open311/keys/:id': { allow: ['admin'], body: {} },
  'GET /api/v1/admin/categories/:id/attributes': { allow: ['admin'] },
  'PUT /api/v1/admin/categories/:id/attributes': { allow: ['admin'], body: { attributes: [{ code: 'depth', description: '坑深', datatype: 'number', required: false }] } },
  // Attachments (issue 12 §5, ADR 0035): the fixture case's image document and the appeal's photo. Proof of
  // work is the handler's; a document anyone working cases may add; the hotline publishes. Citizens reach
  // their appeal's files through its tracking code only (past the per-appeal count a caller meets 409).
  'GET /api/v1/cases/:id/attachments': { allow: SEES_CASE },
  'POST /api/v1/cases/:id/attachments': { allow: ['operator', 'handler', 'supervisor', 'token'], multipart: { kind: 'document' } },
  'PATCH /api/v1/cases/:id/attachments/:attachmentId': { allow: ['operator', 'supervisor', 'token'], body: { visibility: 'internal' } },
  'GET /api/v1/cases/:id/attachments/:attachmentId': { allow: SEES_CASE },
  'GET /api/v1/cases/:id/attachments/:attachmentId/thumbnail': { allow: SEES_CASE },
  'POST /api/v1/public/appeals/:trackingCode/files': { allow: ANYONE, multipart: { shareLocation: 'false' } },
  'GET /api/v1/public/appeals/:trackingCode/files/:fileId': { allow: ANYONE },
  'GET /api/v1/public/appeals/:trackingCode/files/:fileId/thumbnail': { allow: ANYONE },
  // Last: it removes the fixture's category (or answers 409 once a case uses it).
  'DELETE /api/v1/admin/categories/:id': { allow: ['admin'], body: {} },
};

/** Swagger UI's own pages and assets: public documentation, served by @fastify/swagger-ui. */
const DOCUMENTATION = /^\/docs(\/|$)/;

describeDb(`access matrix: every route × every caller (${dialect})`, () => {
  let t: TestContext;
  let s: Setup;
  beforeAll(async () => {
    t = await createTestContext({ smsWebhookSecret: 'matrix-secret', smsGateways: TEST_SMS_GATEWAYS, metricsToken: 'matrix-metrics-token-0123456789' });
    const fx = await seedRouteFixture(t);
    s = {
      fx,
      get: async (url) => (await t.app.inject({ method: 'GET', url, headers: fx.headers('admin') })).json() as Body,
    };
  }, 120_000);
  afterAll(() => t.close());

  it('has one entry for every registered route, and no entry for a route that is gone', () => {
    const registered = t.app.routeInventory.filter((r) => !DOCUMENTATION.test(r.url)).map((r) => `${r.method} ${r.url}`);
    const missing = registered.filter((key) => !(key in MATRIX));
    expect(missing, `add a line to MATRIX in packages/server/test/access-matrix.test.ts for: ${missing.join(', ')}`).toEqual([]);
    const stale = Object.keys(MATRIX).filter((key) => !registered.includes(key));
    expect(stale, 'these MATRIX lines name no registered route: remove them').toEqual([]);
  });

  async function caseIn(status: CaseStatus): Promise<string> {
    const { f } = s.fx;
    const { id } = await openCase(t.ctx, {
      jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency: 'normal', content: '楼道堆放杂物。',
      callerPhone: '+8613800005555', actor: { kind: 'staff', userId: f.users.operator },
    });
    await t.ctx.db.updateTable('cases').set({ status, lead_unit_id: f.units.housing, awaiting_arbitration: status === 'returned' ? 1 : 0 }).where('id', '=', id).execute();
    return id;
  }

  async function headersFor(caller: Caller, entry: Entry): Promise<Record<string, string>> {
    if (!entry.fresh || caller === 'anonymous' || caller === 'token') return s.fx.headers(caller);
    const username = { foreign: 'foreign-admin' }[caller as string] ?? caller;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
    const cookie = res.cookies.find((c) => c.name === 'openline_session');
    return { cookie: `openline_session=${cookie?.value ?? ''}` };
  }

  for (const [key, entry] of Object.entries(MATRIX)) {
    const [method = '', route = ''] = key.split(' ');
    const refused = CALLERS.filter((c) => !entry.allow.includes(c));
    it(`${key}: ${entry.signed ? 'signature only' : entry.configToken ? 'configured token only' : `allowed for ${entry.allow.join(', ') || 'nobody'}`}`, async () => {
      const ids = entry.case ? { ...s.fx.ids, caseId: await caseIn(entry.case) } : s.fx.ids;
      const url = (route.includes(':') ? fillPath(route, ids) : route) + (entry.query ?? '');
      // Refusals first: an allowed call may change what the next caller finds.
      for (const caller of [...refused, ...entry.allow]) {
        const body = typeof entry.body === 'function' ? await entry.body(s) : entry.body;
        if (entry.multipart) {
          const form = await multipart({ bytes: await photo({ width: 64, height: 48 }) }, entry.multipart);
          const headers = { ...(await headersFor(caller, entry)), ...form.headers, 'x-openline-upload': '1' };
          const res = await t.app.inject({ method: method as 'POST', url, headers, payload: form.payload });
          const label = `${caller} ${key}: ${res.statusCode} ${res.body.slice(0, 160)}`;
          expect(res.statusCode, label).toBeLessThan(500);
          if (entry.allow.includes(caller)) expect([401, 403], label).not.toContain(res.statusCode);
          else if (caller === 'anonymous') expect(res.statusCode, label).toBe(401);
          else expect([400, 403, 404], label).toContain(res.statusCode);
          continue;
        }
        if (entry.stream && entry.allow.includes(caller)) {
          const live = await t.app.inject({ method: method as 'GET', url, headers: await headersFor(caller, entry), payloadAsStream: true });
          expect(live.statusCode, `${caller} ${key}`).toBe(200);
          live.stream().destroy();
          continue;
        }
        const res = await t.app.inject({ method: method as 'GET', url, headers: await headersFor(caller, entry), ...(body ? { payload: body } : {}) });
        const label = `${caller} ${key}: ${res.statusCode} ${res.body.slice(0, 160)}`;
        expect(res.statusCode, label).toBeLessThan(500);
        if (entry.signed) {
          expect(res.json().error.code, label).toBe('SIGNATURE_INVALID');
        } else if (entry.configToken) {
          expect(res.statusCode, label).toBe(401);
          expect(res.json().error.code, label).toBe('UNAUTHENTICATED');
        } else if (entry.allow.includes(caller)) {
          expect([401, 403], label).not.toContain(res.statusCode);
        } else if (caller === 'anonymous') {
          expect(res.statusCode, label).toBe(401);
          expect(res.json().error.code, label).toBe('UNAUTHENTICATED');
        } else if (caller === 'foreign') {
          // Another jurisdiction's id, in the path or the body, names nothing for them.
          expect([400, 403, 404], label).toContain(res.statusCode);
        } else {
          expect([403, 404], label).toContain(res.statusCode);
        }
        await s.fx.refresh(caller);
      }
    });
  }

  it('lets an integration act with an API token as its account, and not after revocation', async () => {
    const admin = s.fx.headers('admin');
    const issued = await t.app.inject({ method: 'POST', url: '/api/v1/admin/api-tokens', headers: admin, payload: { userId: s.fx.f.users.operator, name: 'Open311 bridge' } });
    expect(issued.statusCode).toBe(201);
    const { token, id } = issued.json() as { token: string; id: string };
    expect(token).toMatch(/^olt_/);
    const stored = await t.ctx.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: bearer })).statusCode).toBe(200);
    // A token is not subject to the cookie CSRF rule, but it is subject to its account's role.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: bearer })).statusCode).toBe(403);
    const revoke = await t.app.inject({ method: 'POST', url: `/api/v1/admin/api-tokens/${id}/revoke`, headers: admin, payload: {} });
    expect(revoke.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: { authorization: 'Bearer olt_forged' } })).statusCode).toBe(401);
  });
});
