// The SMS petition line under load: each petition arrives in two texts (the first lacks the
// address and ID number, the second completes it), through the signed webhook of the real app
// (in-process HTTP injection, no socket) on a real database. Measures texts per second and the
// latency of each, and checks every petition ended as a case.
import { createHmac, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../../packages/server/src/app.js';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import type { Database } from '../../packages/server/src/db/database.js';
import { createJurisdiction, createLine, createOrgUnit } from '../../packages/server/src/modules/org/service.js';

const SECRET = 'petition-bench-shared-secret';
const LINE = '0000-13900001111';
const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴'];
const GIVEN = ['建国', '秀英', '立新', '桂兰', '卫东', '海燕', '志强', '玉梅'];
const TOPICS = ['加装电梯迟迟不启动', '小区违建餐馆油烟扰民', '拖欠农民工工资', '学校周边占道经营', '楼顶漏水物业不修', '公交站台被拆'];
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idNumber = (i: number): string => {
  const body = `110105${1950 + (i % 50)}0${1 + (i % 9)}1${i % 10}${String(i % 1000).padStart(3, '0')}`;
  return body + '10X98765432'[W.reduce((s, w, k) => s + w * Number(body[k]), 0) % 11];
};

export interface PetitionIntakeBenchResult {
  db: string;
  petitions: number;
  texts: number;
  seconds: number;
  textsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  outcomes: Record<string, number>;
  casesOpened: number;
  petitionsOpened: number;
}

export async function runPetitionIntakeBench(database: Database, o: { petitions: number }): Promise<PetitionIntakeBenchResult> {
  const pii = createPiiCipher(randomBytes(32));
  const j = await createJurisdiction(database.db, { code: `bench-${randomBytes(3).toString('hex')}`, name: '示例市' });
  const city = await createOrgUnit(database.db, { jurisdictionId: j.id, parentId: null, name: '示例市人民政府', kind: 'city' });
  for (const [name, aliases] of [['市住房和城乡建设局', ['住建局']], ['市城市管理局', ['城管局']], ['市人力资源和社会保障局', ['人社局']]] as const) {
    await createOrgUnit(database.db, { jurisdictionId: j.id, parentId: city.id, name, kind: 'department', aliases });
  }
  await createLine(database.db, { jurisdictionId: j.id, number: LINE, name: '信访局局长短信', ownerUserId: null, ownerTitle: '市信访局局长', mode: 'sms_only', isPublic: true, serviceHours: { weekly: {}, onHolidays: 'open' } });
  const app = await buildApp({
    config: { logLevel: 'silent', webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false, smsWebhookSecret: SECRET, publicRateLimits: false },
    database,
    pii,
  });
  await app.ready();
  const outcomes: Record<string, number> = {};
  const latencies: number[] = [];
  let seq = 0;
  const send = async (from: string, text: string): Promise<void> => {
    const body = JSON.stringify({ messageId: `bench-${++seq}`, from, to: LINE, text });
    const started = performance.now();
    const res = await app.inject({ method: 'POST', url: '/api/v1/channels/sms/inbound', headers: { 'content-type': 'application/json', 'x-openline-signature': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` }, payload: body });
    latencies.push(performance.now() - started);
    const outcome = res.statusCode === 200 ? String((res.json() as { outcome: string }).outcome) : `http_${res.statusCode}`;
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  };
  const started = performance.now();
  try {
    for (let i = 0; i < o.petitions; i++) {
      const from = `137${String(10_000_000 + i).slice(-8)}`;
      const unit = ['住建局', '城管局', '人社局'][i % 3];
      await send(from, `${unit}：我叫${SURNAMES[i % SURNAMES.length]}${GIVEN[i % GIVEN.length]}，第${i}号事项：${TOPICS[i % TOPICS.length]}，请求尽快处理。`);
      await send(from, `身份证${idNumber(i)}，家住东城区和平里${1 + (i % 40)}栋${1 + (i % 6)}单元${100 + (i % 30)}室`);
    }
  } finally {
    await app.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number): number => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
  const cases = await database.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('jurisdiction_id', '=', j.id).executeTakeFirstOrThrow();
  const opened = await database.db.selectFrom('pending_petitions').select((eb) => eb.fn.countAll<number>().as('n')).where('jurisdiction_id', '=', j.id).where('status', '=', 'opened').executeTakeFirstOrThrow();
  return {
    db: database.dialect,
    petitions: o.petitions,
    texts: latencies.length,
    seconds: Math.round(seconds * 100) / 100,
    textsPerSecond: Math.round(latencies.length / seconds),
    latencyMs: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) },
    outcomes,
    casesOpened: Number(cases.n),
    petitionsOpened: Number(opened.n),
  };
}
