// Throughput of the SMS petition line (issue 11 §1): two texts per petition, the second completing it.
//   npm run bench:petition-intake -- --petitions 1000 [--db postgres]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { openBenchDatabase } from '../cases/database.js';
import { runPetitionIntakeBench } from './bench.js';

const { values } = parseArgs({ options: { petitions: { type: 'string', default: '1000' }, db: { type: 'string', default: 'sqlite' } } });
const { database, cleanup } = await openBenchDatabase(String(values.db));
try {
  await migrateToLatest(database.db);
  await database.optimize();
  const r = await runPetitionIntakeBench(database, { petitions: Number(values.petitions) });
  console.log(`${r.db}: ${r.texts} texts (${r.petitions} petitions) in ${r.seconds} s = ${r.textsPerSecond} texts/s, one at a time`);
  console.log(`latency ms p50 ${r.latencyMs.p50}  p90 ${r.latencyMs.p90}  p99 ${r.latencyMs.p99}  max ${r.latencyMs.max}; load average ${loadavg()[0]?.toFixed(1)}`);
  console.log(`outcomes ${JSON.stringify(r.outcomes)}; cases ${r.casesOpened}; petitions opened ${r.petitionsOpened}`);
} finally {
  await database.close();
  await cleanup();
}
