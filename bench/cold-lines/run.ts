// The cold-line monitor at city scale: a month of calls on the published lines, then the day
// rollup, the 24-h figures, the public month and a monitor pass.
//   npm run bench:cold-lines -- [--lines 200] [--calls-per-day 20000] [--days 31] [--runs 10] [--changed 100] [--db sqlite|postgres]
import { parseArgs } from 'node:util';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { openBenchDatabase } from '../cases/database.js';
import { runColdLinesBench } from './bench.js';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '200' },
    'calls-per-day': { type: 'string', default: '20000' },
    days: { type: 'string', default: '31' },
    runs: { type: 'string', default: '10' },
    changed: { type: 'string', default: '100' },
    db: { type: 'string', default: 'sqlite' },
  },
});

const { database, cleanup } = await openBenchDatabase(String(values.db));
try {
  await migrateToLatest(database.db);
  const result = await runColdLinesBench(database, {
    lines: Number(values.lines), callsPerDay: Number(values['calls-per-day']), days: Number(values.days), runs: Number(values.runs), changed: Number(values.changed),
  });
  console.table(result.timings);
  console.log(JSON.stringify({ ...result, rssMb: Math.round(process.memoryUsage().rss / 1_048_576) }));
} finally {
  await database.close();
  await cleanup();
}
