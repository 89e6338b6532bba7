// The accept path alone, CPU per request (issue 13 §1): the bare one-insert-per-request ceiling
// and Openline's POST /public/appeals (no drainer) taking turns, the client in a child process so
// this process's CPU is the server's. On a shared machine µs of CPU per request is the figure
// that holds still; throughput is printed beside it, with the load average.
//   npm run bench:intake-accept -- [--appeals 20000] [--connections 32] [--rounds 2] [--db postgres]
// Profile the server with: node --cpu-prof --import tsx bench/intake/accept.ts --only openline
import { randomBytes } from 'node:crypto';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../../packages/server/src/app.js';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { createJurisdiction } from '../../packages/server/src/modules/org/service.js';
import { openBenchDatabase } from '../cases/database.js';
import { appealBodies } from './appeals.js';
import { startBareServer } from './bare.js';
import { driveAppealsInChild, type AppealDrive } from './drive.js';
import { cpuBetween, watchPostgres, type PgSide } from './pg-side.js';

const { values } = parseArgs({
  options: {
    appeals: { type: 'string', default: '20000' }, connections: { type: 'string', default: '32' }, rounds: { type: 'string', default: '2' },
    db: { type: 'string', default: 'sqlite' }, checkpoint: { type: 'string', default: 'background' }, only: { type: 'string' },
    // `--log info`: the production default, every request logged (into a counting sink, not a file).
    log: { type: 'string', default: 'silent' },
  },
});
const appeals = Number(values.appeals);
const connections = Number(values.connections);

interface Measured {
  run: AppealDrive;
  cpuUsPerRequest: number;
  systemUsPerRequest: number;
  /** PostgreSQL: its backends' CPU per request. */
  pg?: { backendUsPerRequest: number };
  /** Openline: the mean accept batch (group commit), both databases. */
  meanBatch?: number;
}

interface Sides { pg: PgSide | undefined; batches: () => { batches: number; items: number } }

async function measure(base: string, bodies: string[], route: string, sides?: Sides): Promise<Measured> {
  const backends = await sides?.pg?.backendCpu();
  const batches = sides?.batches();
  const cpu = process.cpuUsage();
  const run = await driveAppealsInChild(base, bodies, { connections, path: route });
  const used = process.cpuUsage(cpu);
  const n = Math.max(1, run.sent);
  const measured: Measured = { run, cpuUsPerRequest: Math.round((used.user + used.system) / n), systemUsPerRequest: Math.round(used.system / n) };
  if (sides && batches) {
    const b = sides.batches();
    measured.meanBatch = Number(((b.items - batches.items) / Math.max(1, b.batches - batches.batches)).toFixed(1));
  }
  if (sides?.pg && backends) measured.pg = { backendUsPerRequest: Math.round(cpuBetween(backends, await sides.pg.backendCpu()) / n) };
  return measured;
}

function print(name: string, m: Measured): void {
  const r = m.run;
  const pgSide = `${m.pg ? `  PostgreSQL backends ${m.pg.backendUsPerRequest} µs/req` : ''}${m.meanBatch === undefined ? '' : `, mean batch ${m.meanBatch}`}`;
  console.log(`${name.padEnd(30)} ${String(r.perSecond).padStart(6)}/s  ${String(m.cpuUsPerRequest).padStart(4)} µs CPU/req (${m.systemUsPerRequest} system)${pgSide}  p50 ${r.latencyMs.p50} ms  p99 ${r.latencyMs.p99} ms  failures ${JSON.stringify(r.failures)}`);
}

const checkpoint = values.checkpoint === 'inline' ? 'inline' : 'background';
const { database, config: dbConfig, cleanup } = await openBenchDatabase(String(values.db), { checkpoint });
let pgSide: PgSide | undefined;
try {
  await migrateToLatest(database.db);
  await database.optimize();
  const pii = createPiiCipher(randomBytes(32));
  await createJurisdiction(database.db, { code: 'bench', name: '基准市' });
  const logLevel = values.log === 'info' ? 'info' as const : 'silent' as const;
  let logLines = 0;
  const config = { logLevel, webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false as const, publicRateLimits: false };
  const app = await buildApp({ config, database, pii, publicIntakeDrainer: false, logStream: { write: () => void logLines++ } });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  if (dbConfig.kind === 'postgres') pgSide = await watchPostgres(dbConfig.url);
  const sides = { pg: pgSide, batches: () => app.publicIntake.acceptStats() };
  console.log(`${database.dialect} (WAL checkpoint ${checkpoint}), ${connections} connections, ${appeals} appeals a run, client in its own process, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  for (let round = 0; round < Number(values.rounds); round++) {
    if (values.only !== 'openline') {
      const bare = await startBareServer();
      try {
        print('bare ceiling (SQLite, 1 fsync/req)', await measure(bare.url, appealBodies(appeals, 1 + round * 2), '/appeals'));
      } finally {
        await bare.close();
      }
    }
    if (values.only !== 'bare') print(`Openline accept (${database.dialect})`, await measure(base, appealBodies(appeals, 2 + round * 2), '/api/v1/public/appeals', sides));
  }
  await app.close();
  if (logLevel !== 'silent') console.log(`log level ${logLevel}: ${logLines} lines logged`);
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  await pgSide?.close();
  await database.close();
  await cleanup();
}
