// The accept batch alone, without HTTP (issue 13 §1): acceptPublicAppeals on batches of each
// size, `--in-flight` batches at once, and per appeal the CPU of this process (Kysely, the
// driver, sealing; on SQLite the database too, it runs in-process) and, on PostgreSQL, of the
// database's backends (/proc). Says what a batch costs the database and how much of it is per
// batch rather than per row.
// `--limits` counts the public rate limits as production does (the other intake benches run with
// PUBLIC_RATE_LIMITS=0): two counters per appeal, per address and per phone.
//   npm run bench:intake-accept-batches -- [--db postgres|sqlite] [--sizes 1,8,32,128,256] [--appeals 4000] [--in-flight 1] [--limits]
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { publicAppealInput } from '@openline/core';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { acceptPublicAppeals, prepareSubmission, type AppealSubmission } from '../../packages/server/src/modules/public-intake/accept.js';
import { createJurisdiction } from '../../packages/server/src/modules/org/service.js';
import { openBenchDatabase } from '../cases/database.js';
import { appealBodies } from './appeals.js';
import { cpuBetween, watchPostgres, type PgSide } from './pg-side.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres' },
    sizes: { type: 'string', default: '1,8,32,128,256' },
    appeals: { type: 'string', default: '4000' },
    'in-flight': { type: 'string', default: '1' },
    limits: { type: 'boolean', default: false },
  },
});
const appeals = Number(values.appeals);
const inFlight = Number(values['in-flight']);

if (values.db !== 'postgres' && values.db !== 'sqlite') throw new Error('--db is postgres or sqlite');
const { database, config, cleanup } = await openBenchDatabase(values.db);
// SQLite has no backends: its work is in this process's CPU.
const pg: PgSide | undefined = config.kind === 'postgres' ? await watchPostgres(config.url) : undefined;
try {
  await migrateToLatest(database.db);
  await createJurisdiction(database.db, { code: 'bench', name: '基准市' });
  const ctx = { db: database.db, dialect: database.dialect, pii: createPiiCipher(randomBytes(32)), publicRateLimits: values.limits };
  console.log(`${config.kind === 'postgres' ? 'PostgreSQL' : 'SQLite'}, ${appeals} appeals per size, ${inFlight} batch(es) in flight, rate limits ${values.limits ? 'counted' : 'off'}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  let seed = 10;
  for (const size of String(values.sizes).split(',').map(Number)) {
    // An address per appeal (only a string here): a surge comes from many; one would be refused after its first 30.
    const submissions: AppealSubmission[] = appealBodies(appeals, seed++).map((b, i) => prepareSubmission(publicAppealInput.parse(JSON.parse(b)), `198.18.${(i >> 8) & 255}.${i & 255}`));
    // Warm: plans, pool connections, JIT.
    await acceptPublicAppeals(ctx, submissions.slice(0, size));
    let next = size;
    const backends = await pg?.backendCpu();
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const lane = async (): Promise<void> => {
      while (next < submissions.length) {
        const batch = submissions.slice(next, next + size);
        next += batch.length;
        await acceptPublicAppeals(ctx, batch);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, lane));
    const seconds = (performance.now() - t0) / 1000;
    const used = process.cpuUsage(cpu);
    const n = submissions.length - size;
    const backend = pg && backends ? cpuBetween(backends, await pg.backendCpu()) : undefined;
    const backendText = backend === undefined ? '' : `  PostgreSQL backends ${Math.round(backend / n)} µs/appeal (${Math.round((backend * size) / n)} µs/batch)`;
    console.log(`batch ${String(size).padStart(4)}: ${String(Math.round(n / seconds)).padStart(6)}/s  app ${Math.round((used.user + used.system) / n)} µs/appeal${backendText}`);
  }
  console.log(`load average after ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  await pg?.close();
  await database.close();
  await cleanup();
}
