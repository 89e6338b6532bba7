// Throughput with several app processes on one database (issue 13 §4).
//   npm run bench:processes -- [--db postgres|sqlite] [--processes 1,2] [--seconds 10] [--connections 32]
import { parseArgs } from 'node:util';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { openBenchDatabase } from '../cases/database.js';
import { runProcessesBench } from './bench.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres' }, processes: { type: 'string', default: '1,2' },
    seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '32' },
  },
});

const { database, config, cleanup } = await openBenchDatabase(String(values.db));
try {
  await migrateToLatest(database.db);
  const r = await runProcessesBench(database, {
    databaseConfig: config, processes: String(values.processes).split(',').map(Number), seconds: Number(values.seconds), connections: Number(values.connections),
  });
  console.log(`${r.db}, ${r.cores} cores, ${r.connections} connections, ${r.seconds} s per route`);
  for (const run of r.runs) {
    const routes = [
      ['write  POST /api/v1/cases', run.write, run.cpuMsPerRequest.write, run.databaseCpuMsPerRequest?.write],
      ['read   GET /api/v1/cases', run.read, run.cpuMsPerRequest.read, run.databaseCpuMsPerRequest?.read],
      ['appeal POST /api/v1/public/appeals', run.appeal, run.cpuMsPerRequest.appeal, run.databaseCpuMsPerRequest?.appeal],
    ] as const;
    for (const [name, x, cpu, database] of routes) {
      const db = database === undefined ? '' : `  PostgreSQL backends ${database} ms/request`;
      console.log(`${run.processes} process(es)  ${name}: ${x.perSecond}/s  p50 ${x.latencyMs.p50} ms  p99 ${x.latencyMs.p99} ms  app CPU ${cpu} ms/request${db}  failures ${JSON.stringify(x.failures)}`);
    }
  }
  console.log(`load average ${r.loadAverage}`);
  console.log(JSON.stringify(r));
} finally {
  await database.close();
  await cleanup();
}
