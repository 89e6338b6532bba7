// The CTI webhook's throughput (issue 10 §6: ≥ 2,000 events/s on 2 cores), over real HTTP
// against the real server on a fresh SQLite file or a throw-away PostgreSQL database.
//   npm run bench:cti -- --events 20000 --connections 32 [--db postgres]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { openBenchDatabase } from '../cases/database.js';
import { runCtiBench } from './bench.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' }, connections: { type: 'string', default: '32' }, db: { type: 'string', default: 'sqlite' },
    // --same-thread: the client shares the server's thread (one core for both), as before ADR 0023.
    'same-thread': { type: 'boolean', default: false },
  },
});

const { database, cleanup } = await openBenchDatabase(String(values.db));
try {
  await migrateToLatest(database.db);
  await database.optimize();
  const r = await runCtiBench(database, { events: Number(values.events), connections: Number(values.connections), clientThread: !values['same-thread'] });
  console.log(`${r.db}: ${r.sent} events (${r.calls} calls) over ${r.connections} connections in ${r.seconds} s = ${r.eventsPerSecond} events/s`);
  console.log(`latency ms p50 ${r.latencyMs.p50}  p90 ${r.latencyMs.p90}  p99 ${r.latencyMs.p99}  max ${r.latencyMs.max}`);
  console.log(`client on ${r.clientThread ? 'a thread of its own' : 'the server\'s thread'}; CPU of the process ${r.cpuMsPerEvent} ms per event; ` +
    `server thread busy ${r.serverBusyMsPerEvent} ms per event (= at most ${Math.round(1000 / r.serverBusyMsPerEvent)} events/s); ` +
    `server thread CPU ${r.serverThreadCpuMsPerEvent ?? '—'} ms per event; ` +
    (r.pgBackendCpuMsPerEvent === null ? '' : `PostgreSQL backends CPU ${r.pgBackendCpuMsPerEvent} ms per event ` +
      `(server thread + backends ${(Number(r.serverThreadCpuMsPerEvent ?? 0) + r.pgBackendCpuMsPerEvent).toFixed(3)}); `) +
    `load average ${loadavg()[0]?.toFixed(1)}`);
  console.log(`stored: ${r.stored.callRecords} call records (sent ${r.calls}), ${r.stored.callEvents} events (distinct sent ${r.stored.distinctEventsSent}); ` +
    `${r.stored.answered} answered, ${r.stored.lateAnswers} late answers; failures ${JSON.stringify(r.failures)}`);
  if (r.lost) console.error('LOST OR REFUSED EVENTS: the stored counts do not match what was sent');
  console.log(JSON.stringify(r));
  if (r.lost) process.exitCode = 1;
} finally {
  await database.close();
  await cleanup();
}
