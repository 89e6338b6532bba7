// Durable public intake (issue 13 §1–2: ≥ 10,000 appeals/s on 2 cores, ≥ 2.4 × the bare
// one-insert-per-request ceiling of the same run; p99 ≤ 25 ms at 2,000/s; processing ≤ 1 ms of
// CPU per appeal), over real HTTP on a fresh SQLite file or a throw-away PostgreSQL database.
//   npm run bench:intake -- [--appeals 40000] [--connections 32] [--rate 2000] [--open-cases 0] [--db postgres]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { openBenchDatabase } from '../cases/database.js';
import { runIntakeBench } from './bench.js';

const { values } = parseArgs({
  options: {
    appeals: { type: 'string', default: '40000' }, connections: { type: 'string', default: '32' }, rate: { type: 'string', default: '2000' },
    'rate-seconds': { type: 'string', default: '10' }, 'open-cases': { type: 'string', default: '0' }, process: { type: 'string', default: '5000' },
    db: { type: 'string', default: 'sqlite' }, checkpoint: { type: 'string', default: 'background' },
  },
});

const checkpoint = values.checkpoint === 'inline' ? 'inline' : 'background';
const { database, cleanup } = await openBenchDatabase(String(values.db), { checkpoint });
try {
  await migrateToLatest(database.db);
  await database.optimize();
  const rate = Number(values.rate);
  const r = await runIntakeBench(database, {
    appeals: Number(values.appeals), connections: Number(values.connections), rate, rateAppeals: rate * Number(values['rate-seconds']),
    openCases: Number(values['open-cases']), process: Number(values.process),
  });
  const line = (name: string, x: { perSecond: number; sent: number; latencyMs: { p50: number; p99: number; max: number }; failures: object }): string =>
    `${name.padEnd(34)} ${String(x.perSecond).padStart(6)}/s  (${x.sent} sent)  p50 ${x.latencyMs.p50} ms  p99 ${x.latencyMs.p99} ms  max ${x.latencyMs.max} ms  failures ${JSON.stringify(x.failures)}`;
  console.log(`${r.db} (WAL checkpoint ${checkpoint}), ${r.connections} connections, client on its own thread, load average ${loadavg()[0]?.toFixed(1)}`);
  console.log(line('bare ceiling (1 insert+fsync/req)', r.bare));
  console.log(line('Openline accept (durable)', r.openline));
  console.log(`Openline / bare = ${r.ratio}×`);
  console.log(line(`Openline at ${r.atRate.rate}/s, drainer on`, r.atRate));
  const d = r.atRate.drain;
  console.log(`  drainer meanwhile: ${d.processed} processed = ${d.perSecond}/s against ${r.atRate.rate}/s arriving; backlog ${d.backlogBefore} → ${d.backlogAfter}; event loop delay p50 ${d.loopDelayMs.p50} ms p99 ${d.loopDelayMs.p99} ms max ${d.loopDelayMs.max} ms`);
  console.log(`stored: ${r.stored.accepted} accepted rows for ${r.stored.answered} answers${r.stored.lost ? ' — LOST APPEALS' : ''}`);
  const p = r.processing;
  console.log(`processing: ${p.appeals} appeals in ${p.seconds} s = ${p.perSecond}/s, ${p.cpuMsPerAppeal} ms CPU per appeal, ${p.openCases} open cases; backlog left ${p.backlogAfter}`);
  console.log(JSON.stringify(r));
  if (r.stored.lost) process.exitCode = 1;
} finally {
  await database.close();
  await cleanup();
}
