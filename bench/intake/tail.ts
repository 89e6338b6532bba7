// The accept path's tail at a fixed rate, cause by cause (issue 13 §1: p99 ≤ 25 ms at 2,000/s
// with the drainer on). The server runs here, the client in its own process (open loop, latency
// from when each request was due); both keep a timeline — every accept batch (queue wait,
// building its rows, insert + commit), every drainer batch, GC pauses, loop stalls, the background
// WAL checkpoints — and the requests above p90 and p99 are broken down by what was happening
// while they waited (tail-breakdown.ts).
//   npm run bench:intake-tail -- [--rate 2000] [--seconds 10] [--warm-seconds 3] [--connections 32]
//     [--drainer on|off] [--backlog 0] [--db postgres] [--checkpoint inline] [--out timeline.json]
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { openBenchDatabase } from '../cases/database.js';
import { breakDown, describeTimelines, largestCauses, printBreakdowns } from './tail-breakdown.js';
import { runTailBench } from './tail-bench.js';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '2000' }, seconds: { type: 'string', default: '10' }, 'warm-seconds': { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' }, drainer: { type: 'string', default: 'on' }, backlog: { type: 'string', default: '0' },
    db: { type: 'string', default: 'sqlite' }, checkpoint: { type: 'string', default: 'background' }, out: { type: 'string' },
  },
});
const checkpoint = values.checkpoint === 'inline' ? 'inline' : 'background';
const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');

const { database, cleanup } = await openBenchDatabase(String(values.db), { checkpoint });
try {
  await migrateToLatest(database.db);
  await database.optimize();
  const o = {
    rate: Number(values.rate), seconds: Number(values.seconds), warmSeconds: Number(values['warm-seconds']),
    connections: Number(values.connections), drainer: values.drainer !== 'off', backlog: Number(values.backlog),
  };
  console.log(`${database.dialect} (WAL checkpoint ${checkpoint}), ${o.rate}/s for ${o.seconds} s after ${o.warmSeconds} s of warm-up, ${o.connections} connections, drainer ${values.drainer}, backlog ${o.backlog}, client in its own process, load average ${load()}`);
  const t = await runTailBench(database, o);
  const { run, timeline } = t;
  const { p50, p90, p99, max } = run.latencyMs;
  console.log(`served ${run.perSecond}/s (${run.sent} sent)  p50 ${p50} ms  p90 ${p90} ms  p99 ${p99} ms  max ${max} ms  failures ${JSON.stringify(run.failures)}`);
  console.log(`server CPU ${t.cpuUsPerRequest} µs per request (${t.systemUsPerRequest} system; drainer and checkpointer included); drainer processed ${t.drainer.processed}, backlog ${t.drainer.backlogBefore} → ${t.drainer.backlogAfter}; stored ${t.stored.accepted} rows for ${t.stored.answered} answers`);
  if (t.wal) console.log(`WAL: ${t.wal.frames} frames appended (${(t.wal.frames / Math.max(1, run.sent)).toFixed(1)} per request, the drainer's included), started over ${t.wal.restarts} times after a checkpoint copied it all, ${t.wal.atBound} of them at the 4,096-page bound (the app connection's checkpoint, on the loop)`);
  for (const line of describeTimelines(timeline, run.client)) console.log(line);
  const requests = run.requests ?? [];
  const column = (name: string, fromMs: number) => ({ name, b: breakDown(requests, timeline, run.client, { fromMs, longCommitMs: 5 }) });
  const columns = [column('all', -Infinity), column(`≥ p90 ${p90}`, p90), column(`≥ p99 ${p99}`, p99)];
  for (const line of printBreakdowns(columns)) console.log(line);
  const top = columns[2];
  if (top) console.log(`the requests ≥ p99 waited most for: ${largestCauses(top.b)}`);
  if (values.out) {
    writeFileSync(values.out, JSON.stringify({ requests, client: run.client, server: { ...timeline, submits: [...timeline.submits] } }));
    console.log(`timeline written to ${values.out}`);
  }
  console.log(`load average after: ${load()}`);
  if (t.stored.accepted < t.stored.answered) process.exitCode = 1;
} finally {
  await database.close();
  await cleanup();
}
