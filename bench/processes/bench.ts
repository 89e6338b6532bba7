import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { DatabaseConfig } from '../../packages/server/src/config.js';
import type { Database } from '../../packages/server/src/db/database.js';
import { createJurisdiction, createOrgUnit, createUser } from '../../packages/server/src/modules/org/service.js';
import { appealBodies } from '../intake/appeals.js';
import { cpuBetween, watchPostgres, type PgSide } from '../intake/pg-side.js';
import { drive, type RouteResult } from './drive.js';

export interface ProcessesRun {
  processes: number;
  /** CPU of all app processes (user + system) per request, each route: what a core buys, whatever else runs on the machine. */
  cpuMsPerRequest: { write: number; read: number; appeal: number };
  /** PostgreSQL: its backends' CPU per request, each route (/proc; the same machine's cores). */
  databaseCpuMsPerRequest?: { write: number; read: number; appeal: number };
  /** POST /api/v1/cases by an operator (intake by staff: insert, events, deadlines, search index). */
  write: RouteResult;
  /** GET /api/v1/cases?limit=20 by a supervisor (session look-up, a list page). */
  read: RouteResult;
  /** POST /api/v1/public/appeals, no session: the durable accept (group commit; the drainer is off in the bench's processes). */
  appeal: RouteResult;
}

export interface ProcessesBenchResult {
  db: string;
  cores: number;
  connections: number;
  seconds: number;
  runs: ProcessesRun[];
  loadAverage: number;
}

const PASSWORD = 'bench password, not secret';
const PLACES = ['朝阳路', '建设街', '人民大道', '滨河路', '和平里', '光明巷', '幸福小区', '科技园'];
const TROUBLES = ['路灯不亮', '垃圾无人清运', '下水道堵塞', '噪音扰民', '井盖缺失', '占道经营', '暖气不热', '电梯故障'];

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as net.AddressInfo).port;
  server.close();
  return port;
}

/** Starts bench/processes/server.ts: `processes` app processes sharing one port. */
interface Cluster {
  /** CPU microseconds used by all its app processes so far. */
  cpu(): Promise<number>;
  stop(): Promise<void>;
}

async function startCluster(o: { databaseConfig: DatabaseConfig; dataKey: Buffer; processes: number; port: number }): Promise<Cluster> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./server.ts', import.meta.url))], {
    env: {
      ...process.env,
      BENCH_DATABASE: JSON.stringify(o.databaseConfig), BENCH_KEY: o.dataKey.toString('base64'),
      BENCH_PORT: String(o.port), BENCH_PROCESSES: String(o.processes), BENCH_DRAIN: '0',
      TSX_TSCONFIG_PATH: fileURLToPath(new URL('../../packages/server/test/tsconfig.json', import.meta.url)),
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  const cpuWaiters: Array<(us: number) => void> = [];
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      let cut: number;
      while ((cut = out.indexOf('\n')) >= 0) {
        const line = out.slice(0, cut);
        out = out.slice(cut + 1);
        if (line === 'ready') resolve();
        if (line.startsWith('cpu ')) cpuWaiters.shift()?.(Number(line.slice(4)));
      }
    });
    void exited.then(() => reject(new Error('the cluster exited before it was ready')));
  });
  return {
    cpu: () => new Promise<number>((resolve) => {
      cpuWaiters.push(resolve);
      child.stdin.write('cpu\n');
    }),
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

async function signIn(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (res.status !== 200 || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie;
}

/**
 * Throughput with 1, 2, … app processes on one database (issue 13 §4): for each count, a
 * cluster of that many processes on one port, then a write-heavy and a read-heavy route driven
 * over `connections` sockets for `seconds` each. The client runs in this process, the servers in
 * theirs; on a 2-core machine they share the cores with the database server.
 */
export async function runProcessesBench(
  database: Database,
  o: { databaseConfig: DatabaseConfig; processes: number[]; seconds: number; connections: number },
): Promise<ProcessesBenchResult> {
  const dataKey = randomBytes(32);
  const j = await createJurisdiction(database.db, { code: 'bench', name: '基准市' });
  const city = await createOrgUnit(database.db, { jurisdictionId: j.id, parentId: null, name: '市政府', kind: 'city' });
  const centre = await createOrgUnit(database.db, { jurisdictionId: j.id, parentId: city.id, name: '12345热线中心', kind: 'centre' });
  await createUser(database.db, { jurisdictionId: j.id, orgUnitId: centre.id, username: 'bench-operator', displayName: '话务员', password: PASSWORD, roles: ['operator'] });
  await createUser(database.db, { jurisdictionId: j.id, orgUnitId: centre.id, username: 'bench-supervisor', displayName: '督办员', password: PASSWORD, roles: ['supervisor'] });

  const runs: ProcessesRun[] = [];
  let n = 0;
  let appealSeed = 1;
  const pg: PgSide | undefined = o.databaseConfig.kind === 'postgres' ? await watchPostgres(o.databaseConfig.url) : undefined;
  for (const processes of o.processes) {
    const port = await freePort();
    const cluster = await startCluster({ databaseConfig: o.databaseConfig, dataKey, processes, port });
    try {
      const base = `http://127.0.0.1:${port}`;
      const operator = await signIn(base, 'bench-operator');
      const supervisor = await signIn(base, 'bench-supervisor');
      // Not measured: the first requests compile the app's code paths (JIT) in each process.
      await drive(base, { seconds: Math.min(2, o.seconds), connections: o.connections, expect: 200, next: () => ({ method: 'GET', path: '/api/v1/cases?limit=20', headers: { cookie: supervisor } }) });
      const perRequest = (us: number, n: number): number => Number((us / 1000 / Math.max(1, n)).toFixed(3));
      const measure = async (route: () => Promise<RouteResult>): Promise<{ result: RouteResult; cpu: number; database: number }> => {
        const [cpu0, db0] = [await cluster.cpu(), await pg?.backendCpu()];
        const result = await route();
        const [cpu1, db1] = [await cluster.cpu(), await pg?.backendCpu()];
        return { result, cpu: perRequest(cpu1 - cpu0, result.requests), database: db0 && db1 ? perRequest(cpuBetween(db0, db1), result.requests) : 0 };
      };
      const write = await measure(() => drive(base, {
        seconds: o.seconds, connections: o.connections, expect: 201,
        next: () => {
          const k = n++;
          const content = `${PLACES[k % PLACES.length]}${(k % 97) + 1}号${TROUBLES[Math.floor(k / 8) % TROUBLES.length]}，已经持续${(k % 9) + 2}天，请尽快处理。`;
          return { method: 'POST', path: '/api/v1/cases', headers: { cookie: operator }, body: JSON.stringify({ channel: 'phone', callerPhone: `139${String(10_000_000 + k).slice(-8)}`, content, type: 'complaint' }) };
        },
      }));
      const read = await measure(() => drive(base, { seconds: o.seconds, connections: o.connections, expect: 200, next: () => ({ method: 'GET', path: '/api/v1/cases?limit=20', headers: { cookie: supervisor } }) }));
      // Varied appeals, a new phone each (bench/intake/appeals.ts), made ahead so the client's own work stays small.
      const bodies = appealBodies(20_000, 100 + appealSeed++);
      const appeal = await measure(() => drive(base, {
        seconds: o.seconds, connections: o.connections, expect: 201,
        next: (i) => ({ method: 'POST', path: '/api/v1/public/appeals', headers: {}, body: bodies[i % bodies.length] ?? '' }),
      }));
      runs.push({
        processes, write: write.result, read: read.result, appeal: appeal.result,
        cpuMsPerRequest: { write: write.cpu, read: read.cpu, appeal: appeal.cpu },
        ...(pg ? { databaseCpuMsPerRequest: { write: write.database, read: read.database, appeal: appeal.database } } : {}),
      });
    } finally {
      await cluster.stop();
    }
  }
  await pg?.close();
  return { db: database.dialect, cores: availableParallelism(), connections: o.connections, seconds: o.seconds, runs, loadAverage: Number(loadavg()[0]?.toFixed(1)) };
}
