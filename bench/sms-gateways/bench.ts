import { createHmac, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../../packages/server/src/app.js';
import { twilioSignature } from '../../packages/server/src/channels/sms/gateways/twilio.js';
import { parseCodeMap, type SmsGatewayConfig } from '../../packages/server/src/config-sms-gateways.js';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import type { Database } from '../../packages/server/src/db/database.js';
import { createJurisdiction, createLine, createOrgUnit } from '../../packages/server/src/modules/org/service.js';

export const PROVIDERS = ['neutral', 'aliyun', 'tencent', 'twilio'] as const;
export type Provider = (typeof PROVIDERS)[number];

export interface ProviderFigures {
  provider: Provider;
  /** Requests sent (a tenth are repeats of an earlier one, as providers retry). */
  requests: number;
  /** Distinct messages among them, and how many the inbox holds afterwards (must be equal). */
  distinct: number;
  stored: number;
  failures: Record<string, number>;
  seconds: number;
  messagesPerSecond: number;
  /** CPU of the process (server and client share it) per request, user + system: steadier than the rate on a shared machine. */
  cpuMsPerRequest: number;
  latencyMs: { p50: number; p99: number; max: number };
}

const SECRET = 'bench-neutral-secret-0123456789';
const TOKEN = 'bench-push-token-0123456789';
const TWILIO = 'bench-twilio-auth-token-0123';
const BASE = 'https://bench.openline.test';
const LINE = '13900001111';
const TEXTS = ['小区路灯坏了', '楼道堆放杂物', '噪音扰民', '道路积水', '垃圾未清运', '共享单车乱停', '井盖缺失', '违章搭建'];

interface Planned {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The n-th message of a provider in its own format, addressed to the bench line. */
function request(provider: Provider, n: number, run: string): Planned {
  const phone = `137${String(n).padStart(8, '0')}`;
  const text = `${TEXTS[n % TEXTS.length]}，第${n}号（${run}）`;
  switch (provider) {
    case 'neutral': {
      const body = JSON.stringify({ messageId: `bench-${run}-${n}`, from: phone, to: LINE, text });
      return { url: '/api/v1/channels/sms/inbound', headers: { 'content-type': 'application/json', 'x-openline-signature': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` }, body };
    }
    case 'aliyun':
      return {
        url: `/api/v1/channels/sms/aliyun/${TOKEN}`, headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ phone_number: phone, content: text, send_time: '2026-12-05 09:00:00', dest_code: '01', sequence_id: n, sign_name: '基准市' }]),
      };
    case 'tencent':
      return {
        url: `/api/v1/channels/sms/tencent/${TOKEN}`, headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ extend: '01', mobile: phone, nationcode: '86', sign: '基准市', text, time: 1764900000 + n }),
      };
    case 'twilio': {
      const params: Array<[string, string]> = [['MessageSid', `SM${run}${String(n).padStart(24, '0')}`], ['From', `+86${phone}`], ['To', `+86${LINE}`], ['Body', text], ['NumMedia', '0']];
      const url = '/api/v1/channels/sms/twilio';
      return { url, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(TWILIO, BASE + url, params) }, body: new URLSearchParams(params).toString() };
    }
  }
}

/**
 * Inbound SMS through each provider's adapter over real HTTP, against the real app on a
 * migrated database: `messages` per provider, a tenth of the requests repeated (provider
 * retries), `connections` in flight. The public limits are off (PUBLIC_RATE_LIMITS=0), as for
 * every load test: the per-sender limit would otherwise hold the run, not measure it.
 */
export async function runSmsGatewayBench(database: Database, o: { messages: number; connections: number }): Promise<ProviderFigures[]> {
  const pii = createPiiCipher(randomBytes(32));
  const ctx = { db: database.db, dialect: database.dialect, pii };
  const j = await createJurisdiction(ctx.db, { code: `bench-sms-${randomBytes(3).toString('hex')}`, name: '基准市' });
  await createOrgUnit(ctx.db, { jurisdictionId: j.id, parentId: null, name: '市政府', kind: 'city' });
  await createLine(ctx.db, { jurisdictionId: j.id, number: LINE, name: '举报短信', ownerUserId: null, ownerTitle: '', mode: 'tip', isPublic: true, serviceHours: { weekly: {}, onHolidays: 'open' } });
  const codes = parseCodeMap('codes', `01=${LINE}`, /^\d*$/);
  const smsGateways: SmsGatewayConfig = {
    inbound: { aliyun: { token: TOKEN, destCodes: codes }, tencent: { token: TOKEN, extendCodes: codes }, twilio: { authToken: TWILIO, webhookBaseUrl: BASE }, pushAllowedIps: undefined },
    sender: undefined,
  };
  const app = await buildApp({
    config: { logLevel: 'silent', webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false, publicRateLimits: false, smsWebhookSecret: SECRET, smsGateways },
    database, pii,
  });
  const figures: ProviderFigures[] = [];
  try {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    for (const provider of PROVIDERS) {
      const run = randomBytes(4).toString('hex');
      const plan: Planned[] = [];
      for (let n = 0; n < o.messages; n++) {
        plan.push(request(provider, n, run));
        if (n % 10 === 9) plan.push(request(provider, n - 5, run));
      }
      const before = Number((await ctx.db.selectFrom('inbound_sms').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
      const latencies: number[] = [];
      const failures: Record<string, number> = {};
      let next = 0;
      const started = performance.now();
      const cpu = process.cpuUsage();
      await Promise.all(Array.from({ length: o.connections }, async () => {
        while (next < plan.length) {
          const p = plan[next++]!;
          const t0 = performance.now();
          const res = await fetch(address + p.url, { method: 'POST', headers: p.headers, body: p.body });
          await res.arrayBuffer();
          latencies.push(performance.now() - t0);
          if (res.status !== 200) failures[res.status] = (failures[res.status] ?? 0) + 1;
        }
      }));
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      const after = Number((await ctx.db.selectFrom('inbound_sms').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
      latencies.sort((a, b) => a - b);
      const at = (q: number): number => Number((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? 0).toFixed(1));
      figures.push({
        provider, requests: plan.length, distinct: o.messages, stored: after - before, failures, seconds: Number(seconds.toFixed(2)),
        messagesPerSecond: Math.round(plan.length / seconds), cpuMsPerRequest: Number(((used.user + used.system) / 1000 / plan.length).toFixed(2)), latencyMs: { p50: at(0.5), p99: at(0.99), max: at(1) },
      });
    }
  } finally {
    await app.close();
  }
  return figures;
}
