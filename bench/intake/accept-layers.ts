// Where the accept request's server CPU goes, layer by layer (issue 13 §1, ADR 0067): node:http alone, Fastify with an
// empty route, Openline's app with the accept's write answered at once (hooks, parsing, schema,
// route, no database), and the real durable accept, taking turns, the client in a child process.
//   TSX_TSCONFIG_PATH=packages/server/test/tsconfig.json node --import tsx bench/intake/accept-layers.ts [--appeals 10000] [--rounds 2] [--only node|fastify|app|accept]
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { buildApp } from '../../packages/server/src/app.js';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { createJurisdiction } from '../../packages/server/src/modules/org/service.js';
import { openBenchDatabase } from '../cases/database.js';
import { appealBodies } from './appeals.js';
import { driveAppealsInChild } from './drive.js';

const { values } = parseArgs({
  options: {
    appeals: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '2' }, connections: { type: 'string', default: '32' },
    // `--only node|fastify|app|accept`: one layer alone, to profile it (`node --cpu-prof`).
    only: { type: 'string' },
  },
});
const runs = (layer: string): boolean => values.only === undefined || values.only === layer;
const appeals = Number(values.appeals);
const connections = Number(values.connections);

/** CPU ns of this process's main thread and of all its other threads (libuv pool, V8, the checkpointer), from /proc. */
function threadCpu(): { main: number; other: number } {
  const out = { main: 0, other: 0 };
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const ns = Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      if (tid === String(process.pid)) out.main += ns;
      else out.other += ns;
    } catch {
      // the thread ended
    }
  }
  return out;
}

async function measure(name: string, base: string, route: string, seed: number): Promise<void> {
  const threads = threadCpu();
  const cpu = process.cpuUsage();
  const run = await driveAppealsInChild(base, appealBodies(appeals, seed), { connections, path: route });
  const used = process.cpuUsage(cpu);
  const us = Math.round((used.user + used.system) / Math.max(1, run.sent));
  const after = threadCpu();
  const perRequest = (ns: number): number => Math.round(ns / 1000 / Math.max(1, run.sent));
  console.log(`${name.padEnd(34)} ${String(run.perSecond).padStart(6)}/s  ${String(us).padStart(4)} µs CPU/req  p99 ${run.latencyMs.p99} ms  failures ${JSON.stringify(run.failures)}  main thread ${perRequest(after.main - threads.main)}, other threads ${perRequest(after.other - threads.other)} µs/req`);
}

const { database, cleanup } = await openBenchDatabase('sqlite');
try {
  await migrateToLatest(database.db);
  await createJurisdiction(database.db, { code: 'bench', name: '基准市' });
  const config = { logLevel: 'silent' as const, webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false as const, publicRateLimits: false };
  const app = await buildApp({ config, database, pii: createPiiCipher(randomBytes(32)), publicIntakeDrainer: false });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const realSubmit = app.publicIntake.submit;
  const empty = Fastify({ logger: false });
  empty.post('/appeals', (_request, reply) => reply.status(201).send({ outcome: 'received', trackingCode: '0123456789ABCDEFGHJK' }));
  const emptyBase = await empty.listen({ port: 0, host: '127.0.0.1' });
  // node:http alone: reads the body and answers, no framework.
  const raw = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const body = JSON.stringify({ outcome: 'received', trackingCode: '0123456789ABCDEFGHJK' });
      res.writeHead(201, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
  const rawAddress = raw.address();
  const rawBase = `http://127.0.0.1:${typeof rawAddress === 'object' && rawAddress ? rawAddress.port : 0}`;
  console.log(`${connections} connections, ${appeals} appeals a run, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  for (let round = 0; round < Number(values.rounds); round++) {
    if (runs('node')) await measure('node:http, no framework', rawBase, '/appeals', 5 + round);
    if (runs('fastify')) await measure('Fastify, empty route', emptyBase, '/appeals', 10 + round);
    app.publicIntake.submit = () => Promise.resolve({ ok: true, trackingCode: '0123456789ABCDEFGHJK' });
    if (runs('app')) await measure('Openline, write answered at once', base, '/api/v1/public/appeals', 20 + round);
    app.publicIntake.submit = realSubmit;
    if (runs('accept')) await measure('Openline accept (durable)', base, '/api/v1/public/appeals', 30 + round);
  }
  await app.close();
  await empty.close();
  raw.close();
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  await database.close();
  await cleanup();
}
