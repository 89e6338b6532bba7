// The caller history's latency (issue 10 §2: ≤ 5 ms p99 at 10 M cases): loads a city's worth of
// cases, contacts and call records into a fresh database, then times whole history lookups.
//   npm run bench:caller-history -- [--cases 10000000] [--runs 2000] [--db sqlite|postgres] [--skew 2]
//   npm run bench:caller-history -- --cases 1000000 --skew 2.5 [--db postgres] --keep DIR
// --keep DIR loads the city and keeps it (SQLite: DIR/city.db; PostgreSQL: a database named in
// DIR/city.json, with the sealing key) without timing anything, for `kept.ts --city DIR` to time
// it from several checkouts in turn (before and after a change, on the same rows).
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DB } from '../../packages/server/src/db/schema.js';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import { openDatabase } from '../../packages/server/src/db/database.js';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { openBenchDatabase } from '../cases/database.js';
import { newCityDatabase } from '../city/keep.js';
import { runCallerHistoryBench } from './bench.js';
import { loadHistoryCity } from './generate.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000000' },
    runs: { type: 'string', default: '2000' },
    db: { type: 'string', default: 'sqlite' },
    skew: { type: 'string', default: '2' },
    keep: { type: 'string' },
  },
});
const skew = Number(values.skew);
const started = Date.now();
const progress = (done: number) => console.error(`[${Math.round((Date.now() - started) / 1000)} s] ${done} cases loaded`);

if (values.keep) await keepCity(values.keep);
else await benchFreshCity();

async function keepCity(dir: string): Promise<void> {
  const target = await newCityDatabase(String(values.db), dir);
  const database = openDatabase(target.config);
  try {
    await migrateToLatest(database.db);
    const city = await loadHistoryCity(database.db, database.dialect, createPiiCipher(target.key), { cases: Number(values.cases), now: new Date(), skew, progress });
    await database.optimize();
    // What kept.ts reads of a kept city (bench/city/keep.ts's city.json, the fields it uses).
    const kept = { database: target.config, key: target.key.toString('base64'), city: { jurisdictionId: city.jurisdictionId, callers: city.callers, rows: city.rows, skew } };
    writeFileSync(path.join(dir, 'city.json'), `${JSON.stringify(kept, null, 2)}\n`, { mode: 0o600 });
    console.log(`kept ${JSON.stringify(city.rows)}, ${city.callers} callers, loaded in ${Math.round(city.loadMs / 1000)} s: ${dir}`);
  } finally {
    await database.close();
  }
}

async function benchFreshCity(): Promise<void> {
  const { database, config, cleanup } = await openBenchDatabase(String(values.db));
  // The "before" timings read SQLite as the app did before the statement cache: a plain connection.
  const beforeDb = config.kind === 'sqlite' ? new Kysely<DB>({ dialect: new SqliteDialect({ database: new BetterSqlite3(config.file) }) }) : undefined;
  try {
    await migrateToLatest(database.db);
    const r = await runCallerHistoryBench(database, createPiiCipher(randomBytes(32)), {
      cases: Number(values.cases),
      runs: Number(values.runs),
      skew,
      ...(beforeDb ? { beforeDb } : {}),
      progress,
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
}
