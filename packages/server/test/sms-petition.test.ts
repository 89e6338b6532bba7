import { createHmac } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { createLine } from '../src/modules/org/service.js';
import { sweepPetitions } from '../src/modules/petitions/expiry.js';
import { login, seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

const SECRET = 'sms-gateway-shared-secret-for-tests';
const URL = '/api/v1/channels/sms/inbound';
const PETITION_LINE = '13900001111';
const MAYOR_LINE = '88001234';
const HOTLINE = '12345';
const ID = '11010519491231002X';
const ID_BAD = '110105194912310021';
const HOUR = 3_600_000;

/** The SMS-only petition line (issue 11 §1, ADR 0029): end to end through the webhook, the outbox, the operators and the sweep. */
describeDb(`SMS petition line (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let sms: FastifyInstance;
  let operator: string;
  let seq = 0;
  let sender = 0;
  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    const base = { jurisdictionId: f.jurisdiction.id, isPublic: true, ownerUserId: null, serviceHours: { weekly: {}, onHolidays: 'open' as const } };
    await createLine(t.ctx.db, { ...base, number: PETITION_LINE, name: '信访局局长短信', ownerTitle: '市信访局局长', mode: 'sms_only' });
    await createLine(t.ctx.db, { ...base, number: MAYOR_LINE, name: '市长公开电话', ownerTitle: '市长', mode: 'staffed' });
    await createLine(t.ctx.db, { ...base, number: HOTLINE, name: '12345热线', ownerTitle: '12345热线中心', mode: 'staffed', acceptsSms: true });
    await createLine(t.ctx.db, { ...base, number: '13900002222', name: '公安局长举报短信', ownerTitle: '市公安局局长', mode: 'tip' });
    sms = await buildApp({
      config: { logLevel: 'silent', webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false, smsWebhookSecret: SECRET, petitionWindowHours: 48 },
      database: t.database,
      pii: t.pii,
    });
    await sms.ready();
    operator = await login(t.app, 'operator');
  });
  afterAll(async () => {
    await sms.close();
    await t.close();
  });

  const deliver = (message: Record<string, unknown>) => {
    const body = JSON.stringify(message);
    const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    return sms.inject({ method: 'POST', url: URL, headers: { 'content-type': 'application/json', 'x-openline-signature': signature }, payload: body });
  };
  const newSender = () => `1370000${String(++sender).padStart(4, '0')}`;
  const text = (from: string, content: string, to = PETITION_LINE) => ({ messageId: `pet-${++seq}`, from, to, text: content });
  const repliesTo = async (phone: string) => {
    const rows = await t.ctx.db.selectFrom('outbox').select(['body', 'template', 'recipient_enc', 'case_id']).where('channel', '=', 'sms').orderBy('created_at').orderBy('id').execute();
    return rows.filter((r) => t.pii.decrypt(r.recipient_enc) === `+86${phone}`);
  };
  const petitionsOf = async (phone: string) =>
    t.ctx.db.selectFrom('pending_petitions').selectAll().where('sender_bidx', '=', t.pii.blindIndex(`+86${phone}`)).orderBy('created_at').execute();
  const contactsWith = (fragment: string) => t.ctx.db.selectFrom('contacts').select('id').where('content', 'like', `%${fragment}%`).execute();
  const api = (method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, headers: { cookie: operator }, ...(payload ? { payload } : {}) });

  it('keeps a message missing fields as a pending petition, sealed, and answers once with exactly what is missing', async () => {
    const phone = newSender();
    const message = text(phone, '小区门口违建三年没人管，请处理。');
    const res = await deliver(message);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ messageId: message.messageId, outcome: 'incomplete', missing: ['unit', 'name', 'address', 'idNumber'], invalid: [], duplicate: false });
    expect(await contactsWith('违建三年没人管')).toEqual([]);
    const replies = await repliesTo(phone);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ template: 'sms_petition_incomplete', case_id: null });
    expect(replies[0]!.body).toContain('请补充：反映单位、姓名、家庭住址、身份证号码');
    expect(replies[0]!.body).toContain('48小时');

    // A retried delivery: the same answer, nothing new written or sent.
    const again = await deliver(message);
    expect(again.json()).toEqual({ messageId: message.messageId, outcome: 'incomplete', missing: ['unit', 'name', 'address', 'idNumber'], invalid: [], duplicate: true });
    expect(await repliesTo(phone)).toHaveLength(1);
    const [row] = await petitionsOf(phone);
    expect(row).toMatchObject({ status: 'pending', parts: 1, case_id: null });
    expect(new Date(row!.expires_at).getTime() - new Date(row!.created_at).getTime()).toBe(48 * HOUR);
  });

  it('completes the petition from follow-ups of the same number: the case opens and the reply gives its number and tracking code', async () => {
    const phone = newSender();
    const first = await deliver(text(phone, '市住建局：我叫张建国，小区3栋楼下违建餐馆油烟扰民三年，请求拆除。'));
    expect(first.json()).toMatchObject({ outcome: 'incomplete', missing: ['address', 'idNumber'], invalid: [] });
    // The ID number with a wrong check character: named as wrong, not as missing.
    const wrong = await deliver(text(phone, `身份证${ID_BAD}`));
    expect(wrong.json()).toMatchObject({ outcome: 'incomplete', missing: ['address'], invalid: [{ field: 'idNumber', reason: 'checksum' }] });
    expect((await repliesTo(phone)).at(-1)!.body).toContain('请补充：身份证号码（校验位不正确）、家庭住址');
    expect(await contactsWith('油烟扰民三年')).toEqual([]);

    const last = text(phone, `身份证${ID.slice(0, 6)} ${ID.slice(6)}，家住东城区和平里小区3栋2单元501室`);
    const done = await deliver(last);
    expect(done.statusCode, done.body).toBe(200);
    const answer = done.json();
    expect(answer).toMatchObject({ messageId: last.messageId, outcome: 'opened', duplicate: false });
    expect(answer.caseNumber).toMatch(/^\d{8}/);
    expect((await deliver(last)).json()).toEqual({ ...answer, duplicate: true });

    const opened = await t.ctx.db.selectFrom('cases').selectAll().where('case_number', '=', answer.caseNumber).executeTakeFirstOrThrow();
    expect(opened).toMatchObject({ channel: 'sms', status: 'received' });
    // The sender's stated identity is on the case, sealed; the text keeps every part, redacted.
    expect(t.pii.decrypt(opened.caller_name_enc!)).toBe('张建国');
    expect(t.pii.decrypt(opened.caller_id_number_enc!)).toBe(ID);
    expect(t.pii.decrypt(opened.address_enc!)).toContain('和平里小区3栋2单元501室');
    expect(opened.content).toContain('油烟扰民');
    expect(opened.content).not.toContain(ID);
    const replies = await repliesTo(phone);
    expect(replies.map((r) => r.template)).toEqual(['sms_petition_incomplete', 'sms_petition_incomplete', 'sms_intake_opened']);
    expect(replies[2]!.body).toContain(answer.caseNumber);
    expect(replies[2]!.body).toContain('查询码{{secret}}');
    const [row] = await petitionsOf(phone);
    expect(row).toMatchObject({ status: 'opened', case_id: opened.id, parts: 2 });
  });

  it('opens a complete first message at once', async () => {
    const phone = newSender();
    const res = await deliver(text(phone, `致市交通局：本人李秀英，住西湖区文三路街道99号院7幢，身份证330106199003074517，反映公交站台被拆，请求恢复。`));
    expect(res.json()).toMatchObject({ outcome: 'opened', duplicate: false });
    expect(res.json().caseNumber).toBeTruthy();
    expect(await petitionsOf(phone)).toEqual([]);
  });

  it('carries the petitioned unit to the case as a suggestion the operator sees and may overrule, never as a dispatch (ADR 0044)', async () => {
    const phone = newSender();
    const res = await deliver(text(phone, `致市交通局：本人周志刚，住西湖区文二路18号3幢，身份证330106199003074517，反映小区门口路面塌陷，请求修复。`));
    expect(res.json()).toMatchObject({ outcome: 'opened' });
    const { id } = await t.ctx.db.selectFrom('cases').select('id').where('case_number', '=', res.json().caseNumber).executeTakeFirstOrThrow();
    const detail = await api('GET', `/api/v1/cases/${id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    // Suggested with the words that named it, so a wrong match shows; nobody has dispatched it.
    expect(detail.json()).toMatchObject({ status: 'received', leadUnit: null, suggestedUnit: { unitId: f.units.transport, source: 'petition' } });
    expect(detail.json().suggestedUnit.matched).toContain('交通局');
    const created = (detail.json().events as Array<{ type: string; payload: Record<string, unknown> }>).find((e) => e.type === 'created');
    expect(created?.payload).toMatchObject({ channel: 'sms', suggestedUnitId: f.units.transport, suggestionSource: 'petition' });

    // The petitioner (or the parser) named the wrong unit: the operator dispatches elsewhere.
    const dispatched = await api('POST', `/api/v1/cases/${id}/dispatch`, { leadUnitId: f.units.housing });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    expect(dispatched.json()).toMatchObject({ status: 'dispatched', leadUnit: { id: f.units.housing }, suggestedUnit: { unitId: f.units.transport } });

    // A text on a line that is no petition line names no unit to the case.
    const plain = await deliver(text(newSender(), '市交通局：解放路公交站的顶棚被大风掀翻了。', HOTLINE));
    expect(plain.json()).toMatchObject({ outcome: 'opened' });
    const other = await t.ctx.db.selectFrom('cases').select('id').where('content', 'like', '%顶棚被大风掀翻%').executeTakeFirstOrThrow();
    expect((await api('GET', `/api/v1/cases/${other.id}`)).json()).toMatchObject({ suggestedUnit: null });
  });

  it('answers an emergency with the number to call even when fields are missing', async () => {
    const phone = newSender();
    const res = await deliver(text(phone, '楼下着火了，浓烟很大，有人被困！'));
    expect(res.json()).toMatchObject({ outcome: 'redirected' });
    expect(await petitionsOf(phone)).toEqual([]);
  });

  it('answers a text to a line that takes none with where to send it, and opens nothing', async () => {
    const phone = newSender();
    const message = text(phone, '市长您好，小区门口的路灯坏了一个月了。', `0000-${MAYOR_LINE}`);
    const res = await deliver(message);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ messageId: message.messageId, outcome: 'not_accepted', duplicate: false });
    expect((await deliver(message)).json()).toEqual({ messageId: message.messageId, outcome: 'not_accepted', duplicate: true });
    expect(await contactsWith('路灯坏了一个月')).toEqual([]);
    const replies = await repliesTo(phone);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.template).toBe('sms_not_accepted');
    // The lines that read texts, the tip line left out.
    expect(replies[0]!.body).toContain(`12345热线${HOTLINE}`);
    expect(replies[0]!.body).toContain(`信访局局长短信${PETITION_LINE}`);
    expect(replies[0]!.body).not.toContain('举报');
  });

  it('lets an admin say which channels a line takes', async () => {
    const admin = await login(t.app, 'admin');
    const lines = (await t.app.inject({ method: 'GET', url: '/api/v1/admin/lines', headers: { cookie: admin } })).json().items as Array<{ id: string; number: string; acceptsSms: boolean; acceptsVoice: boolean }>;
    const mayor = lines.find((l) => l.number === MAYOR_LINE)!;
    expect(mayor).toMatchObject({ acceptsVoice: true, acceptsSms: false });
    expect(lines.find((l) => l.number === PETITION_LINE)).toMatchObject({ acceptsVoice: false, acceptsSms: true });
    const changed = await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/lines/${mayor.id}`, headers: { cookie: admin }, payload: { acceptsSms: true } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ acceptsVoice: true, acceptsSms: true });
    const phone = newSender();
    expect((await deliver(text(phone, '市长您好，人民路的井盖丢了，很危险。', MAYOR_LINE))).json()).toMatchObject({ outcome: 'opened' });
    await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/lines/${mayor.id}`, headers: { cookie: admin }, payload: { acceptsSms: false } });
    const publicLine = ((await t.app.inject({ method: 'GET', url: '/api/v1/public/lines' })).json().items as Array<{ number: string; acceptsSms: boolean }>).find((l) => l.number === PETITION_LINE);
    expect(publicLine).toMatchObject({ acceptsSms: true, acceptsVoice: false });
  });

  it('matches a unit by the short names an admin gives it', async () => {
    const admin = await login(t.app, 'admin');
    const set = await t.app.inject({ method: 'PUT', url: `/api/v1/admin/org-units/${f.units.transport}/aliases`, headers: { cookie: admin }, payload: { aliases: [' 交管所 ', '交管所', '运管处'] } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ id: f.units.transport, aliases: ['交管所', '运管处'] });
    const units = (await api('GET', '/api/v1/org-units')).json().items as Array<{ id: string; aliases: string[] }>;
    expect(units.find((u) => u.id === f.units.transport)?.aliases).toEqual(['交管所', '运管处']);
    const refused = await t.app.inject({ method: 'PUT', url: `/api/v1/admin/org-units/${f.units.transport}/aliases`, headers: { cookie: operator }, payload: { aliases: ['x'] } });
    expect(refused.statusCode).toBe(403);

    const phone = newSender();
    const res = await deliver(text(phone, '运管处：我叫王立新，家住东城区建设新村5栋301室，出租车拒载，请查处。'));
    expect(res.json()).toMatchObject({ outcome: 'incomplete', missing: ['idNumber'] });
    const [row] = await petitionsOf(phone);
    expect(row!.unit_id).toBe(f.units.transport);
  });

  it('shows operators the pending petitions masked, reveals them audited, and lets them complete one from a phone call', async () => {
    const phone = newSender();
    await deliver(text(phone, '市住建局：我叫赵桂兰，老旧小区加装电梯一直没人管，请求尽快启动。'));
    const [row] = await petitionsOf(phone);
    const list = await api('GET', '/api/v1/petitions');
    expect(list.statusCode, list.body).toBe(200);
    const item = (list.json().items as Array<Record<string, unknown>>).find((i) => i.id === row!.id);
    expect(item).toMatchObject({ status: 'pending', from: `${phone.slice(0, 3)}****${phone.slice(-4)}`, missing: ['address', 'idNumber'], unit: { id: f.units.housing, name: '市住建局' } });
    expect(list.body).not.toContain('赵桂兰');
    expect(list.body).not.toContain(phone);

    const detail = await api('GET', `/api/v1/petitions/${row!.id}`);
    expect(detail.json()).toMatchObject({ name: '赵**', address: null, idNumber: null });
    expect(detail.body).not.toContain('赵桂兰');

    const revealed = await api('POST', `/api/v1/petitions/${row!.id}/reveal`, { reason: '回电核实信息' });
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json()).toMatchObject({ from: `+86${phone}`, name: '赵桂兰' });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['detail']).where('action', '=', 'pii.reveal').where('target_id', '=', row!.id).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ reason: '回电核实信息' });

    // Still incomplete, or an ID number that fails its check: refused, naming each gap; nothing changes.
    const partial = await api('POST', `/api/v1/petitions/${row!.id}/complete`, { idNumber: ID_BAD });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((partial.json().error.details as Array<{ path: string }>).map((d) => d.path).sort()).toEqual(['address', 'idNumber']);

    // The operator hears it is the transport bureau's matter, not housing's: their unit is the case's suggestion.
    const done = await api('POST', `/api/v1/petitions/${row!.id}/complete`, { address: '东城区新华里8号院2栋101室', idNumber: '440304198511071231', unitId: f.units.transport });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ id: row!.id, outcome: 'opened' });
    const caseNumber = done.json().caseNumber as string;
    const opened = await t.ctx.db.selectFrom('cases').selectAll().where('case_number', '=', caseNumber).executeTakeFirstOrThrow();
    expect((await api('GET', `/api/v1/cases/${opened.id}`)).json()).toMatchObject({ suggestedUnit: { unitId: f.units.transport, source: 'petition' } });
    expect(t.pii.decrypt(opened.caller_id_number_enc!)).toBe('440304198511071231');
    expect((await repliesTo(phone)).at(-1)!.body).toContain(caseNumber);
    const again = await api('POST', `/api/v1/petitions/${row!.id}/complete`, { address: '东城区新华里8号院2栋101室', idNumber: '440304198511071231' });
    expect(again.statusCode).toBe(409);
    expect((await api('GET', '/api/v1/petitions?status=opened')).json().items.some((i: { id: string; caseNumber: string }) => i.id === row!.id && i.caseNumber === caseNumber)).toBe(true);
    const completedAudit = await t.ctx.db.selectFrom('audit_log').select('actor_user_id').where('action', '=', 'petition.completed').where('target_id', '=', row!.id).executeTakeFirstOrThrow();
    expect(completedAudit.actor_user_id).toBe(f.users.operator);
  });

  it('expires a petition past its window with one final reply, however many workers sweep at once', async () => {
    const phone = newSender();
    await deliver(text(phone, '我叫孙卫东，楼上漏水一个月，请求协调。'));
    const [row] = await petitionsOf(phone);
    expect(await sweepPetitions(t.ctx, { now: () => new Date() })).toEqual({ expired: 0 });
    const later = () => new Date(Date.now() + 49 * HOUR);
    const results = await Promise.all([sweepPetitions(t.ctx, { now: later }), sweepPetitions(t.ctx, { now: later }), sweepPetitions(t.ctx, { now: later })]);
    expect(results.reduce((n, r) => n + r.expired, 0)).toBeGreaterThanOrEqual(1);
    const expiredReplies = (await repliesTo(phone)).filter((r) => r.template === 'sms_petition_expired');
    expect(expiredReplies).toHaveLength(1);
    expect(expiredReplies[0]!.body).toContain('48小时内未补全');
    expect((await petitionsOf(phone))[0]).toMatchObject({ id: row!.id, status: 'expired', case_id: null });
    // An operator can no longer complete it; the sender's next message starts a new one.
    const late = await api('POST', `/api/v1/petitions/${row!.id}/complete`, { unitId: f.units.housing, address: '东城区新华里8号院2栋101室', idNumber: ID });
    expect(late.statusCode).toBe(409);
    expect((await deliver(text(phone, '市住建局：我叫孙卫东，楼上漏水一个月。'))).json()).toMatchObject({ outcome: 'incomplete', missing: ['address', 'idNumber'] });
    expect((await petitionsOf(phone)).map((p) => p.status)).toEqual(['expired', 'pending']);
  });

  it('refuses operators of no intake role and unknown ids with stable codes', async () => {
    const handler = await login(t.app, 'handler');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/petitions', headers: { cookie: handler } })).statusCode).toBe(403);
    expect((await api('GET', '/api/v1/petitions/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await api('GET', '/api/v1/petitions?status=nonsense')).statusCode).toBe(400);
  });

  it('never answers 5xx to messy petition texts (fuzz)', async () => {
    const pieces = ['市住建局', '住建局：', '我叫', '姓名：', '本人', '张三', '身份证', ID, ID_BAD, '１１０１０５１９４９１２３１００２ｘ', '110105491231002', '家住', '住址：', '东城区和平里3栋', '\n', ' ', '，', '请求', '拆除违建', '😀', 'x', '0', '：：', '#', '\u200b'];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
    // A few messages per sender: a petition of several parts, under the per-sender limit.
    let phone = newSender();
    for (let i = 0; i < 60; i++) {
      if (i % 4 === 0) phone = newSender();
      const n = 1 + (next() % 8);
      const content = Array.from({ length: n }, () => pieces[next() % pieces.length]).join('');
      const res = await deliver(text(phone, content.trim() === '' ? '空' : content));
      expect(res.statusCode, `${content} → ${res.body}`).toBeLessThan(500);
      expect(['incomplete', 'opened', 'attached', 'merged', 'redirected'], res.body).toContain(res.json().outcome);
    }
  });
});
