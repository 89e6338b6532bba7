import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { buildApp } from '../../packages/server/src/app.js';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import type { Database } from '../../packages/server/src/db/database.js';
import { seedDefaultCategories } from '../../packages/server/src/modules/categories/seed.js';
import { issueOpen311Key } from '../../packages/server/src/modules/open311/keys.js';
import type { SessionUser } from '../../packages/server/src/modules/auth/service.js';
import { createJurisdiction, createOrgUnit, createUser } from '../../packages/server/src/modules/org/service.js';
import { timeRuns, type Timing } from '../support/timing.js';

export interface Open311BenchOptions {
  /** Categorised cases of the jurisdiction in the last 90 days (what GET requests reads). */
  cases: number;
  /** Requests posted one after another through the real route and unattended intake. */
  posts: number;
  runs: number;
}

export interface Open311BenchResult {
  db: string;
  cases: number;
  timings: Record<string, Timing>;
  postsPerSecond: number;
  listedJson: number;
  xmlBytes: number;
}

/**
 * GeoReport v2 at city scale, through the app's own routes (app.inject: no network): the
 * default GET requests (the last 90 days, newest 1,000) in JSON and XML, one request by id, the
 * services list, and POSTs in a row — each one unattended intake (urgency, duplicate search,
 * case number, sealing) plus the Open311 row, in one transaction.
 */
export async function runOpen311Bench(database: Database, o: Open311BenchOptions): Promise<Open311BenchResult> {
  const pii = createPiiCipher(randomBytes(32));
  const ctx = { db: database.db, dialect: database.dialect, pii };
  const j = await createJurisdiction(ctx.db, { code: `bench-311-${randomUUID().slice(0, 6)}`, name: '基准市' });
  const city = await createOrgUnit(ctx.db, { jurisdictionId: j.id, parentId: null, name: '市政府', kind: 'city' });
  const units: string[] = [];
  for (let u = 0; u < 30; u++) units.push((await createOrgUnit(ctx.db, { jurisdictionId: j.id, parentId: city.id, name: `局${u}`, kind: 'department' })).id);
  await seedDefaultCategories(ctx.db, j.id);
  const categories = (await ctx.db.selectFrom('case_categories').select('id').where('jurisdiction_id', '=', j.id).execute()).map((c) => c.id);
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const sealed = pii.encrypt('基准诉求');
  const statuses = ['received', 'dispatched', 'in_progress', 'replied', 'closed'];
  for (let start = 0; start < o.cases; start += 500) {
    const size = Math.min(500, o.cases - start);
    await ctx.db.insertInto('cases').values(Array.from({ length: size }, (_, i) => {
      const n = start + i;
      const at = now - Math.floor((n / o.cases) * 89 * 86_400_000);
      return {
        id: randomUUID(), jurisdiction_id: j.id, case_number: `20260101-${String(n).padStart(7, '0')}`, tracking_code_hash: randomUUID(),
        status: statuses[n % statuses.length] ?? 'received', channel: 'web', type: 'help', urgency: 'normal', content: '基准诉求', content_enc: sealed,
        lead_unit_id: n % 5 === 0 ? null : (units[n % units.length] ?? null), category_id: categories[n % categories.length] ?? null,
        created_at: iso(at), updated_at: iso(at + 3_600_000),
      };
    })).execute();
  }
  await database.optimize();
  if (database.dialect === 'postgres') await sql`ANALYZE`.execute(database.db);

  const app = await buildApp({ config: { logLevel: 'silent', webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false, publicRateLimits: false }, database, pii });
  await app.ready();
  try {
    const user = await createUser(ctx.db, { jurisdictionId: j.id, orgUnitId: city.id, username: `bench-311-${j.code}`, displayName: 'bench', password: randomUUID(), roles: ['admin'] });
    const admin: SessionUser = {
      id: user.id, jurisdictionId: j.id, username: 'bench', displayName: 'bench', roles: ['admin'], platformRoles: [], orgUnitId: city.id, orgUnitName: '市政府', orgUnitPath: '', orgUnitKind: 'city',
    };
    const { apiKey } = await issueOpen311Key(ctx, { user: admin, ip: '127.0.0.1', name: 'bench' });
    const q = `jurisdiction_id=${j.code}`;
    const get = async (url: string) => {
      const res = await app.inject({ method: 'GET', url });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return res.body;
    };
    const listed = (JSON.parse(await get(`/open311/v2/requests.json?${q}`)) as unknown[]).length;
    const xmlBytes = Buffer.byteLength(await get(`/open311/v2/requests.xml?${q}`));
    const timings: Record<string, Timing> = {
      'GET requests.json (default window)': await timeRuns(() => get(`/open311/v2/requests.json?${q}`), o.runs),
      'GET requests.xml (default window)': await timeRuns(() => get(`/open311/v2/requests.xml?${q}`), o.runs),
      'GET requests.json?status=closed': await timeRuns(() => get(`/open311/v2/requests.json?${q}&status=closed`), o.runs),
      'GET requests/{id}.xml': await timeRuns(() => get(`/open311/v2/requests/20260101-${String(Math.floor(o.cases / 2)).padStart(7, '0')}.xml?${q}`), o.runs),
      'GET services.xml': await timeRuns(() => get(`/open311/v2/services.xml?${q}`), o.runs),
    };
    let n = 0;
    const started = performance.now();
    timings['POST requests.xml'] = await timeRuns(async () => {
      n += 1;
      const res = await app.inject({
        method: 'POST', url: '/open311/v2/requests.xml', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ api_key: apiKey, service_code: 'garbage', lat: '39.9', long: '116.4', phone: `139${String(10_000_000 + n)}`, description: `第${n}号楼下垃圾桶满了没人清运，已经${n % 7 + 2}天。` }).toString(),
      });
      if (res.statusCode !== 200) throw new Error(`POST: ${res.statusCode} ${res.body.slice(0, 200)}`);
    }, o.posts);
    const postsPerSecond = Math.round((o.posts / (performance.now() - started)) * 1000);
    return { db: database.dialect, cases: o.cases, timings, postsPerSecond, listedJson: listed, xmlBytes };
  } finally {
    await app.close();
  }
}
