// Case-handling figures at scale: list queries every screen makes, intake and the supervision
// sweep, on SQLite (default) or PostgreSQL. Data is generated at run time.
//   npm run bench:cases -- --cases 200000 [--db postgres]
import { parseArgs } from 'node:util';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { runCasesBench } from './bench.js';
import { openBenchDatabase } from './database.js';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '200000' }, db: { type: 'string', default: 'sqlite' }, runs: { type: 'string', default: '20' } } });

const { database, cleanup } = await openBenchDatabase(String(values.db));
try {
  await migrateToLatest(database.db);
  const figures = await runCasesBench(database, { cases: Number(values.cases), runs: Number(values.runs) });
  console.table(figures);
  console.log(JSON.stringify(figures));
} finally {
  await database.close();
  await cleanup();
}
