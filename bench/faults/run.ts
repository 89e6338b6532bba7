// Faults, repeatable (issue 13 §6): kill -9 mid-burst, a read-only database and (SQLite) a full disk, over HTTP.
//   npm run bench:faults -- [--db sqlite|postgres|both] [--rounds 3] [--burst 600] [--connections 16] [--read-only 50] [--disk-full 200]
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { runFaultBench, type FaultBenchResult } from './bench.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' }, rounds: { type: 'string', default: '3' }, burst: { type: 'string', default: '600' },
    connections: { type: 'string', default: '16' }, 'read-only': { type: 'string', default: '50' }, 'disk-full': { type: 'string', default: '200' },
  },
});
const dbs = values.db === 'both' ? (['sqlite', 'postgres'] as const) : ([values.db === 'postgres' ? 'postgres' : 'sqlite'] as const);

const results: FaultBenchResult[] = [];
for (const db of dbs) {
  const r = await runFaultBench({ db, rounds: Number(values.rounds), burst: Number(values.burst), connections: Number(values.connections), readOnlyAppeals: Number(values['read-only']), diskFullAppeals: Number(values['disk-full']) });
  results.push(r);
  console.log(`${r.db}: ${r.rounds} bursts cut by kill -9: ${r.sent} appeals sent, ${r.acknowledged} acknowledged, ${r.unacknowledged} not (cut or refused while down), ` +
    `LOST ${r.lost}; restart to /healthz ${r.restartMs.join(', ')} ms`);
  console.log(`${r.db}: read-only (${r.readOnly.how}): ${r.readOnly.sent} appeals answered ${JSON.stringify(r.readOnly.statuses)} ${JSON.stringify(r.readOnly.codes)}; ` +
    `acknowledged still found ${r.readOnly.foundWhileReadOnly}/${r.acknowledged}; accepting again once writable: ${r.readOnly.writableAgain ? 'yes' : 'NO'}`);
  const f = r.diskFull;
  console.log(f === null
    ? `${r.db}: disk full: not caused here (53100 maps to 503 DATABASE_UNAVAILABLE as SQLITE_FULL does; needs a small filesystem)`
    : `${r.db}: disk full (${f.how}): ${f.sent} appeals, ${f.acknowledged} acknowledged while they fit, the rest answered ${JSON.stringify(f.statuses)} ${JSON.stringify(f.codes)}; ` +
      `acknowledged found while full ${f.foundWhileFull}, after ${f.foundAfter}; parked by the drainer ${f.parked}; accepting again without the cap: ${f.writableAgain ? 'yes' : 'NO'}`);
  console.log(`${r.db}: ${r.ok ? 'OK' : 'FAILED'}`);
}
console.log(`machine: ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)}`);
console.log(JSON.stringify(results));
if (results.some((r) => !r.ok)) process.exitCode = 1;
