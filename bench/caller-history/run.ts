// The caller history's latency (issue 10 §2: ≤ 5 ms p99 at 10 M cases): loads a city's worth of
// cases, contacts and call records into a fresh database, then times whole history lookups.
//   npm run bench:caller-history -- [--cases 10000000] [--runs 2000] [--db sqlite|postgres]
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DB } from '../../packages/server/src/db/schema.js';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { openBenchDatabase } from '../cases/database.js';
import { runCallerHistoryBench } from './bench.js';

const { values } = parseArgs({
  options: { cases: { type: 'string', default: '10000000' }, runs: { type: 'string', default: '2000' }, db: { type: 'string', default: 'sqlite' } },
});

const { database, config, cleanup } = await openBenchDatabase(String(values.db));
// The "before" timings read SQLite as the app did before the statement cache: a plain connection.
const beforeDb = config.kind === 'sqlite' ? new Kysely<DB>({ dialect: new SqliteDialect({ database: new BetterSqlite3(config.file) }) }) : undefined;
try {
  await migrateToLatest(database.db);
  const started = Date.now();
  const r = await runCallerHistoryBench(database, createPiiCipher(randomBytes(32)), {
    cases: Number(values.cases),
    runs: Number(values.runs),
    ...(beforeDb ? { beforeDb } : {}),
    progress: (done) => console.error(`[${Math.round((Date.now() - started) / 1000)} s] ${done} cases loaded`),
  });
  console.log(`${r.db}: ${r.rows.cases} cases, ${r.rows.contacts} contacts, ${r.rows.callRecords} call records, ${r.callers} callers; loaded in ${r.loadSeconds} s`);
  console.table(r.lookups);
  console.log(`same history before and after: ${r.sameAnswers.same} of ${r.sameAnswers.compared}`);
  console.log(`most frequent caller: ${JSON.stringify(r.topCaller)}`);
  console.log(JSON.stringify({ ...r, rssMb: Math.round(process.memoryUsage().rss / 1_048_576) }));
} finally {
  await beforeDb?.destroy();
  await database.close();
  await cleanup();
}
