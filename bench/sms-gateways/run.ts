// Inbound SMS through each provider's adapter (ADR 0030) beside the neutral endpoint, over real
// HTTP against the real server on a fresh SQLite file or a throw-away PostgreSQL database.
//   npm run bench:sms-gateways -- --messages 2000 --connections 8 [--db postgres]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { openBenchDatabase } from '../cases/database.js';
import { runSmsGatewayBench } from './bench.js';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '2000' }, connections: { type: 'string', default: '8' }, db: { type: 'string', default: 'sqlite' } } });

const { database, cleanup } = await openBenchDatabase(String(values.db));
try {
  await migrateToLatest(database.db);
  await database.optimize();
  const figures = await runSmsGatewayBench(database, { messages: Number(values.messages), connections: Number(values.connections) });
  let lost = false;
  for (const f of figures) {
    console.log(`${values.db} ${f.provider.padEnd(8)} ${f.requests} requests (${f.distinct} distinct) in ${f.seconds} s = ${f.messagesPerSecond}/s, CPU ${f.cpuMsPerRequest} ms/request; ` +
      `latency ms p50 ${f.latencyMs.p50} p99 ${f.latencyMs.p99} max ${f.latencyMs.max}; stored ${f.stored}; failures ${JSON.stringify(f.failures)}`);
    if (f.stored !== f.distinct || Object.keys(f.failures).length > 0) lost = true;
  }
  console.log(`load average ${loadavg()[0]?.toFixed(1)}`);
  if (lost) console.error('LOST, DOUBLED OR REFUSED MESSAGES: stored counts do not match what was sent');
  console.log(JSON.stringify(figures));
  if (lost) process.exitCode = 1;
} finally {
  await database.close();
  await cleanup();
}
