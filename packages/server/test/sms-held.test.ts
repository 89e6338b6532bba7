import { createHmac } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { writeLimitsSetting } from '../src/modules/limits/repository.js';
import { createLine } from '../src/modules/org/service.js';
import { DEFAULT_RATE_LIMITS } from '@openline/core';
import { login, seedFixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

const SECRET = 'sms-gateway-shared-secret-for-tests';
const LINE = '13900003333';
const SENDER = '13766660001';
const TIP_LINE = '13900004444';
const TIP_SENDER = '13766660003';

/** Messages over the per-sender limit are held for an operator, never dropped (ADR 0007). */
describeDb(`SMS channel: senders over the limit (${dialect})`, () => {
  let t: TestContext;
  let sms: FastifyInstance;
  let unlimited: FastifyInstance;
  let operator: string;
  let seq = 0;
  const TOPICS = ['路灯不亮', '井盖丢失', '垃圾没人清', '噪音扰民', '占道经营', '违章停车', '漏水', '电梯故障', '树枝挡路', '污水外溢'];

  beforeAll(async () => {
    t = await createTestContext();
    const f = await seedFixture(t.ctx);
    await createLine(t.ctx.db, {
      jurisdictionId: f.jurisdiction.id, isPublic: true, ownerUserId: null, serviceHours: { weekly: {}, onHolidays: 'open' as const },
      number: LINE, name: '城管局长短信', ownerTitle: '市城管局局长', mode: 'staffed', acceptsSms: true,
    });
    await writeLimitsSetting(t.ctx.db, JSON.stringify({ ...DEFAULT_RATE_LIMITS, smsPerSender: { max: 3, windowSeconds: 86_400 } }), new Date().toISOString());
    const build = async (publicRateLimits: boolean) => {
      const a = await buildApp({
        config: { logLevel: 'silent', webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false, smsWebhookSecret: SECRET, publicRateLimits },
        database: t.database, pii: t.pii,
      });
      await a.ready();
      return a;
    };
    sms = await build(true);
    unlimited = await build(false);
    operator = await login(t.app, 'operator');
  });
  afterAll(async () => {
    await sms.close();
    await unlimited.close();
    await t.close();
  });

  const deliver = (message: Record<string, unknown>, app: FastifyInstance = sms) => {
    const body = JSON.stringify(message);
    const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    return app.inject({ method: 'POST', url: '/api/v1/channels/sms/inbound', headers: { 'content-type': 'application/json', 'x-openline-signature': signature }, payload: body });
  };
  const text = (from: string, i: number) => ({ messageId: `held-${++seq}`, from, to: LINE, text: `第${i}件事：幸福路${i}号${TOPICS[i % TOPICS.length]}，请尽快处理。` });
  const smsTo = (phone: string) =>
    t.ctx.db.selectFrom('outbox').select(['template', 'body']).where('channel', '=', 'sms').where('recipient_hint', '=', `${phone.slice(0, 3)}****${phone.slice(-4)}`).execute();
  const heldList = async (cookie = operator) => t.app.inject({ method: 'GET', url: '/api/v1/sms/held', headers: { cookie } });

  it('holds a burst over the limit, answers the gateway 200, and tells the sender once per window', async () => {
    const messages = Array.from({ length: 10 }, (_, i) => text(SENDER, i));
    const answers = await Promise.all(messages.map((m) => deliver(m)));
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    const outcomes = answers.map((a) => a.json().outcome as string);
    expect(outcomes.filter((o) => o === 'held')).toHaveLength(7);
    expect(outcomes.filter((o) => o !== 'held')).toHaveLength(3);
    const replies = await smsTo(SENDER);
    expect(replies.filter((r) => r.template === 'sms_intake_held')).toHaveLength(1);
    expect(replies).toHaveLength(3 + 1);
    // More later in the same window: held, and no second notice.
    expect((await deliver(text(SENDER, 10))).json()).toMatchObject({ outcome: 'held', duplicate: false });
    expect((await smsTo(SENDER)).filter((r) => r.template === 'sms_intake_held')).toHaveLength(1);
    // Another sender is not affected; a retried delivery of a held message is not counted again.
    // (A text of its own: the same words as a held message would make a second contact with them below.)
    expect((await deliver(text('13766660002', 11))).json().outcome).not.toBe('held');
    const retry = messages[outcomes.indexOf('held')];
    expect((await deliver(retry ?? {})).json()).toEqual({ messageId: retry?.messageId, outcome: 'held', duplicate: true });
  });

  it('keeps held messages sealed, and lists them to operators with the sender masked', async () => {
    const rows = await t.ctx.db.selectFrom('inbound_sms').selectAll().where('outcome', '=', 'held').execute();
    expect(rows).toHaveLength(8);
    for (const r of rows) {
      expect(r.text_enc).not.toContain('幸福路');
      expect(r.sender_enc).not.toContain('13766660001');
    }
    const list = await heldList();
    expect(list.statusCode, list.body).toBe(200);
    const { messages } = list.json() as { messages: Array<{ messageId: string; from: string; text: string; line: { number: string } }> };
    expect(messages).toHaveLength(8);
    expect(messages[0]).toMatchObject({ from: '137****0001', line: { number: LINE } });
    expect(messages[0]?.text).toMatch(/^第\d+件事/);
    expect((await heldList(await login(t.app, 'handler'))).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/sms/held' })).statusCode).toBe(401);
  });

  it('lets an operator process a held message later (usual reply) or dismiss it with a reason; each once', async () => {
    const { messages } = (await heldList()).json() as { messages: Array<{ messageId: string; text: string }> };
    const [first, second] = messages;
    const processed = await t.app.inject({ method: 'POST', url: `/api/v1/sms/held/${first?.messageId}/process`, headers: { cookie: operator }, payload: {} });
    expect(processed.statusCode, processed.body).toBe(200);
    expect(['opened', 'attached', 'merged']).toContain(processed.json().outcome);
    expect(processed.json().caseNumber).toMatch(/\S/);
    const contact = await t.ctx.db.selectFrom('contacts').select('id').where('content', '=', first?.text ?? '').execute();
    expect(contact).toHaveLength(1);
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/sms/held/${first?.messageId}/process`, headers: { cookie: operator }, payload: {} });
    expect(again.statusCode).toBe(404);
    const row = await t.ctx.db.selectFrom('inbound_sms').selectAll().where('message_id', '=', first?.messageId ?? '').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ outcome: processed.json().outcome, sender_enc: null, text_enc: null });

    const noReason = await t.app.inject({ method: 'POST', url: `/api/v1/sms/held/${second?.messageId}/dismiss`, headers: { cookie: operator }, payload: {} });
    expect(noReason.statusCode).toBe(400);
    const dismissed = await t.app.inject({ method: 'POST', url: `/api/v1/sms/held/${second?.messageId}/dismiss`, headers: { cookie: operator }, payload: { reason: '与已受理的短信重复' } });
    expect(dismissed.statusCode).toBe(204);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'target_id']).where('action', 'like', 'sms.held_%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['sms.held_dismissed', 'sms.held_processed']);
    expect((await heldList()).json().messages).toHaveLength(6);
    // A retry of the dismissed message still answers with what became of it.
    const retried = await deliver({ messageId: second?.messageId, from: SENDER, to: LINE, text: second?.text });
    expect(retried.json()).toMatchObject({ outcome: 'dismissed', duplicate: true });
  });

  it('counts each held message as a refusal, and holds nothing under PUBLIC_RATE_LIMITS=0', async () => {
    const admin = await login(t.app, 'admin');
    const view = (await t.app.inject({ method: 'GET', url: '/api/v1/admin/rate-limits', headers: { cookie: admin } })).json() as {
      refusals: Array<{ scope: string; count: number }>;
    };
    expect(view.refusals.find((r) => r.scope === 'smsPerSender')?.count).toBe(8);
    const free = await deliver(text(SENDER, 20), unlimited);
    expect(free.json().outcome).not.toBe('held');
  });

  it('shows a held tip-line sender only to the centre\'s operators, masked (ADR 0006)', async () => {
    const jurisdictionId = (await t.ctx.db.selectFrom('jurisdictions').select('id').executeTakeFirstOrThrow()).id;
    await createLine(t.ctx.db, {
      jurisdictionId, isPublic: true, ownerUserId: null, serviceHours: { weekly: {}, onHolidays: 'open' as const },
      number: TIP_LINE, name: '公安局长举报短信', ownerTitle: '市公安局局长', mode: 'tip',
    });
    // Sequentially, so exactly the fourth is over the limit of three.
    const outcomes: string[] = [];
    for (let i = 30; i < 34; i++) outcomes.push((await deliver({ ...text(TIP_SENDER, i), to: TIP_LINE })).json().outcome as string);
    expect(outcomes.filter((o) => o === 'held')).toHaveLength(1);
    const heldTip = async (cookie: string) => {
      const { messages } = (await heldList(cookie)).json() as { messages: Array<{ line: { number: string }; from: string | null }> };
      return messages.filter((m) => m.line.number === TIP_LINE);
    };
    expect(await heldTip(operator)).toEqual([expect.objectContaining({ from: '137****0003' })]);
    const admin = await login(t.app, 'admin');
    expect(await heldTip(admin)).toEqual([expect.objectContaining({ from: null })]);
    expect(JSON.stringify((await heldList(admin)).json())).not.toMatch(/13766660003|137\*{4}0003/);
  });
});
