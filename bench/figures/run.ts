// Accountability figures at scale: builds a city's rollup tables as 10 M cases over three
// years would leave them, then times the dashboards' queries and the incremental refresh.
//   npm run bench:figures -- [--cases 10000000] [--db sqlite|postgres] [--runs 30] [--days 1096] [--cell-days 90] [--refresh 0,1,10,100,1000]
import { parseArgs } from 'node:util';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { openBenchDatabase } from '../cases/database.js';
import { runFiguresBench } from './bench.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000000' },
    db: { type: 'string', default: 'sqlite' },
    runs: { type: 'string', default: '30' },
    days: { type: 'string', default: '1096' },
    'cell-days': { type: 'string', default: '90' },
    refresh: { type: 'string', default: '0,1,10,100,1000' },
  },
});

const { database, cleanup } = await openBenchDatabase(String(values.db));
try {
  await migrateToLatest(database.db);
  const started = Date.now();
  const log = (message: string): void => console.error(`[${Math.round((Date.now() - started) / 1000)} s] ${message}`);
  const result = await runFiguresBench(database, {
    cases: Number(values.cases),
    days: Number(values.days),
    cellDays: Number(values['cell-days']),
    runs: Number(values.runs),
    refresh: String(values.refresh).split(',').filter(Boolean).map(Number),
    progress: log,
  });
  console.table(result.dashboards);
  console.table(result.refresh);
  const { city: _city, ...figures } = result;
  console.log(JSON.stringify({ ...figures, rssMb: Math.round(process.memoryUsage().rss / 1_048_576) }));
} finally {
  await database.close();
  await cleanup();
}
