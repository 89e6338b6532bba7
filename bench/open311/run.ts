// The Open311 GeoReport v2 server at city scale (issue 11 §3, ADR 0031): GET requests over the
// last 90 days of N categorised cases, in JSON and XML, and POSTs through unattended intake.
//   npm run bench:open311 -- [--cases 200000] [--posts 200] [--runs 10] [--db sqlite|postgres]
import { parseArgs } from 'node:util';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { openBenchDatabase } from '../cases/database.js';
import { runOpen311Bench } from './bench.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '200000' },
    posts: { type: 'string', default: '200' },
    runs: { type: 'string', default: '10' },
    db: { type: 'string', default: 'sqlite' },
  },
});

const { database, cleanup } = await openBenchDatabase(String(values.db));
try {
  await migrateToLatest(database.db);
  const result = await runOpen311Bench(database, { cases: Number(values.cases), posts: Number(values.posts), runs: Number(values.runs) });
  console.table(result.timings);
  console.log(JSON.stringify({ ...result, rssMb: Math.round(process.memoryUsage().rss / 1_048_576) }));
} finally {
  await database.close();
  await cleanup();
}
