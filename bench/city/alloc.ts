// What one request of a city probe allocates on the server's heap (issue 10 §2, ADR 0064): the
// app in this process over a kept city, requests through app.inject (Node's socket objects not
// counted), heap growth over N requests with a young generation large enough that no collection
// runs meanwhile (checked). Optionally a sampling allocation profile (Chrome DevTools' format).
//   TSX_TSCONFIG_PATH=packages/server/test/tsconfig.json node --expose-gc --max-semi-space-size=128 --import tsx \
//     bench/city/alloc.ts --city DIR [--probe 'any caller'] [--requests 200] [--profile FILE.heapprofile]
// With `--survivors` (and without --max-semi-space-size, so that young collections run) the
// profile holds only what outlived a young collection: the allocation sites that make scavenges
// slow (docs/benchmarks.md, "allocation-site pretenuring").
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildApp } from '../../packages/server/src/app.js';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import { openDatabase } from '../../packages/server/src/db/database.js';
import { cityProbes } from './bench.js';
import { CITY_PASSWORD } from './generate.js';
import { readKept } from './keep.js';

const { values } = parseArgs({ options: { city: { type: 'string' }, probe: { type: 'string', default: 'any caller' }, requests: { type: 'string', default: '200' }, profile: { type: 'string' }, survivors: { type: 'boolean', default: false } } });
if (!values.city) throw new Error('--city DIR (a city kept by bench:city --keep)');
const kept = readKept(values.city);
const n = Number(values.requests);
const probe = cityProbes(kept).find((p) => p.name.includes(String(values.probe)));
if (!probe) throw new Error(`no probe named like ${values.probe}`);
const database = openDatabase(kept.database);
const app = await buildApp({ config: { logLevel: 'silent', webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false, publicRateLimits: false }, database, pii: createPiiCipher(Buffer.from(kept.key, 'base64')) });
try {
  const user = kept.city.users.find((u) => u.username === probe.user)?.username ?? probe.user;
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user, password: CITY_PASSWORD } });
  const cookie = [login.headers['set-cookie'] ?? ''].flat().map((c) => c.split(';')[0]).find((c) => c?.startsWith('openline_session=')) ?? '';
  let collections = 0;
  new PerformanceObserver((l) => void (collections += l.getEntries().length)).observe({ entryTypes: ['gc'] });
  const run = async (from: number, count: number): Promise<void> => {
    for (let i = from; i < from + count; i++) {
      const r = await app.inject({ method: 'GET', url: probe.pathOf ? probe.pathOf(i) : probe.path, headers: { cookie } });
      if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body.slice(0, 200)}`);
    }
  };
  await run(1, 300);
  (globalThis as { gc?: () => void }).gc?.();
  const before = { heap: process.memoryUsage().heapUsed, collections };
  await run(1_000, n);
  const grew = process.memoryUsage().heapUsed - before.heap;
  console.log(`${probe.name}: ${n} requests, ${(grew / n / 1024).toFixed(1)} KB allocated a request, ${collections - before.collections} collections meanwhile (must be 0)`);
  if (values.profile) {
    const s = new Session();
    s.connect();
    // By default objects already collected count too: what matters is what was allocated. With
    // --survivors: only what outlived a young collection (what makes scavenges slow), run without
    // the large young generation so scavenges happen; otherwise everything allocated.
    await s.post('HeapProfiler.startSampling', { samplingInterval: 512, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: !values.survivors } as never);
    await run(5_000, n);
    // What the last young collection has not yet seen would count as surviving: collect first.
    if (values.survivors) for (let i = 0; i < 2; i++) (globalThis as { gc?: (o: { type: string }) => void }).gc?.({ type: 'minor' });
    const { profile } = await s.post('HeapProfiler.stopSampling');
    writeFileSync(values.profile, JSON.stringify(profile));
    console.log(`allocation profile: ${values.profile}`);
  }
} finally {
  await app.close();
  await database.close();
}
