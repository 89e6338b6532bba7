// Supervision at scale: the supervisor's queue counts and the escalation sweep.
//   npm run bench:supervision -- --cases 200000 --overdue 5000 [--db postgres]
import { parseArgs } from 'node:util';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { openBenchDatabase } from '../cases/database.js';
import { runSupervisionBench } from './bench.js';

const { values } = parseArgs({
  options: { cases: { type: 'string', default: '200000' }, overdue: { type: 'string', default: '5000' }, runs: { type: 'string', default: '10' }, db: { type: 'string', default: 'sqlite' } },
});

const { database, cleanup } = await openBenchDatabase(String(values.db));
try {
  await migrateToLatest(database.db);
  const r = await runSupervisionBench(database, { cases: Number(values.cases), overdue: Number(values.overdue), runs: Number(values.runs) });
  console.log(`${r.db}: ${r.cases} cases, ${r.overdue} overdue`);
  console.log(`GET /supervision/queues (city office): median ${r.queues.median} ms, p95 ${r.queues.p95} ms, max ${r.queues.max} ms`);
  console.log(`escalation to the leadership tier: ${r.escalation.deadlines} deadlines in ${r.escalation.seconds} s = ${r.escalation.perSecond} deadlines/s`);
  console.log(JSON.stringify(r));
} finally {
  await database.close();
  await cleanup();
}
