import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { addDays } from '../../packages/core/src/calendar/local-time.js';
import { seededRandom } from '../../packages/core/src/random.js';
import { CITY_PASSWORD } from './generate.js';
import type { KeptCity } from './keep.js';
import { childClient, fetchClient, type ClientKind, type ProbeClient, type TimedRequest } from './probe-client.js';

export interface CityBenchResult {
  db: string;
  cases: number;
  /** Which client timed it (probe-client.ts). */
  client: ClientKind;
  /**
   * Per probe, ms: what the client waited (median / p95 / p99 / max), the server's own time
   * (Server-Timing `app`) and CPU (`cpu`), the client's CPU, the server's GCs meanwhile (count /
   * total ms), and the `total` the list answered. The server's own figures come from the source
   * server only (bench/city/server.ts adds them); for the product they are null and `gc` is '—'.
   */
  table: Record<string, { runs: number; median: number; p95: number; p99: number; max: number; serverP50: number; serverP99: number; serverCpuP50: number; serverCpuP99: number; clientCpuP99: number; clientGc: string; gc: string; total?: number | string }>;
  /** Per probe: where its slowest 1 % spent their time (tailOf). */
  tails: Record<string, Record<string, number>>;
  /** The same for the 1 % that took the server the most CPU. */
  cpuTails: Record<string, Record<string, number>>;
  /** Which server was timed (its memory is the product's only for 'product'). */
  server: CityServer;
  rssMb: number;
  peakRssMb: number;
  /** Resident memory once started (after start-up's PRAGMA optimize), before any request. */
  startRssMb: number;
}

/** One page of the case list (or the dashboard) as a role's screen asks for it. */
interface Probe {
  name: string;
  user: string;
  path: string;
  /** A probe whose every run asks something else (a different caller): the i-th run's path. */
  pathOf?: (i: number) => string;
  /** Runs of this probe when it needs more than the others (a p99 wants hundreds). */
  runs?: number;
}

/** The screen-pop's request for one number. */
const historyPath = (phone: string): string => `/api/v1/callers/history?phone=${encodeURIComponent(phone)}`;

/**
 * `--warm N`: caller histories the probes never time, so the server's code has been compiled and
 * its statements prepared as in a server that has run for a while, not one started a second ago
 * (each bench run starts the server anew). Callers drawn with another seed than the probes' and
 * numbers nobody called from: they read other callers' pages, not the timed ones', so the first
 * run on a city still reads its callers from disk.
 */
export function warmUpPaths(kept: KeptCity, n: number): string[] {
  const random = seededRandom(29);
  return Array.from({ length: n + 1 }, (_, i) => {
    const phone = i % 2 === 0 ? `+86139${String(Math.floor(random() * kept.city.callers)).padStart(8, '0')}` : `+86136${String((i * 7_919) % 1e8).padStart(8, '0')}`;
    return historyPath(phone);
  });
}

/** The requests every case list screen makes at the city's scale, and the city-wide month dashboard. */
export function cityProbes(kept: KeptCity): Probe[] {
  const c = kept.city;
  const hot = c.unitsByVolume[0]?.id ?? '';
  const district = c.units.find((u) => u.kind === 'district')?.id ?? '';
  const line = c.lineIds[5] ?? '';
  const lastMonthEnd = c.lastDay;
  const monthStart = `${lastMonthEnd.slice(0, 8)}01`;
  const from = addDays(monthStart, 0);
  const list = (q: string): string => `/api/v1/cases?page=1&pageSize=20${q}`;
  const search = (q: string): string => `/api/v1/search/cases?q=${encodeURIComponent(q)}`;
  // The screen-pop's history for callers drawn at random (the generator's numbers: caller i is
  // +86139 and i in eight digits), and for numbers nobody has called from.
  const random = seededRandom(13);
  const callers = Array.from({ length: 2_000 }, () => Math.floor(random() * c.callers));
  const callerPhone = (i: number): string => `+86139${String(callers[i % callers.length] ?? 0).padStart(8, '0')}`;
  const unknownPhone = (i: number): string => `+86137${String((i * 7_919) % 1e8).padStart(8, '0')}`;
  return [
    { name: 'screen-pop: caller history, any caller', user: 'city-operator', path: historyPath(callerPhone(0)), pathOf: (i) => historyPath(callerPhone(i)), runs: 1_000 },
    { name: 'screen-pop: caller history, top-20 callers', user: 'city-operator', path: historyPath(callerPhone(0)), pathOf: (i) => historyPath(`+86139${String(i % 20).padStart(8, '0')}`), runs: 400 },
    { name: 'screen-pop: caller history, unknown number', user: 'city-operator', path: historyPath(unknownPhone(0)), pathOf: (i) => historyPath(unknownPhone(i)), runs: 400 },
    { name: 'search: 停水', user: 'city-operator', path: search('停水') },
    { name: 'search: 噪音扰民', user: 'city-operator', path: search('噪音扰民') },
    { name: 'search: 电梯故障', user: 'city-operator', path: search('电梯故障') },
    { name: 'search: 高空抛物', user: 'city-operator', path: search('高空抛物') },
    { name: 'search: 学院路 高空抛物', user: 'city-operator', path: search('学院路 高空抛物') },
    { name: 'list: q=停水', user: 'city-operator', path: list(`&q=${encodeURIComponent('停水')}`) },
    { name: 'operator: all cases, newest first', user: 'city-operator', path: list('') },
    { name: 'operator: page 50', user: 'city-operator', path: '/api/v1/cases?page=50&pageSize=20' },
    { name: 'status=in_progress', user: 'city-operator', path: list('&status=in_progress') },
    { name: 'status=dispatched,accepted', user: 'city-operator', path: list('&status=dispatched,accepted') },
    { name: 'unit: hottest', user: 'city-operator', path: list(`&unitId=${hot}`) },
    { name: 'unit: a district (subtree)', user: 'city-operator', path: list(`&unitId=${district}`) },
    { name: 'type=suggestion', user: 'city-operator', path: list('&type=suggestion') },
    { name: 'line', user: 'city-operator', path: list(`&lineId=${line}`) },
    { name: 'channel=sms', user: 'city-operator', path: list('&channel=sms') },
    { name: 'urgency=urgent', user: 'city-operator', path: list('&urgency=urgent') },
    { name: 'overdue', user: 'city-operator', path: list('&overdue=true') },
    { name: 'created this month', user: 'city-operator', path: list(`&from=${from}T00:00:00Z`) },
    { name: 'sort=priority', user: 'city-operator', path: list('&sort=priority') },
    { name: 'handler (hot): all, newest', user: 'city-handler-hot', path: list('') },
    { name: 'handler (hot): workbench', user: 'city-handler-hot', path: list(`&status=dispatched,accepted,in_progress&unitId=${hot}&sort=deadline`) },
    { name: 'handler (quiet): all, newest', user: 'city-handler-quiet', path: list('') },
    { name: 'supervisor (district): all', user: 'city-supervisor', path: list('') },
    { name: 'supervisor (district): overdue', user: 'city-supervisor', path: list('&overdue=true') },
    { name: 'official: own lines (desk)', user: 'city-official', path: list('&ownLines=true') },
    { name: 'official: all in scope', user: 'city-official', path: list('') },
    { name: 'admin: all', user: 'city-admin', path: list('') },
    { name: 'dashboard: month by unit', user: 'city-admin', path: `/api/v1/stats/figures?from=${monthStart}&to=${lastMonthEnd}&by=unit` },
    { name: 'dashboard: month by category', user: 'city-admin', path: `/api/v1/stats/figures?from=${monthStart}&to=${lastMonthEnd}&by=category` },
    { name: 'dashboard: month per unit (units)', user: 'city-admin', path: `/api/v1/stats/units?from=${monthStart}&to=${lastMonthEnd}` },
  ];
}

/**
 * Which server the bench times. 'product' (the command line's): the compiled server as `npm start`
 * runs it, `node packages/server/dist/main.js` (the npm script builds it first), so its resident
 * memory is the product's (issue 13 §3, ADR 0066: the TypeScript loader alone held ~55 MB more).
 * 'source': bench/city/server.ts under tsx, for the tests, which run the source without a build.
 */
export type CityServer = 'product' | 'source';

export interface StartedServer {
  child: ChildProcess;
  url: string;
}

/**
 * Starts a server on a kept city and resolves once it answers. The product runs with the
 * deployment's environment: production, no demo, no background worker in the process (WORKER=0,
 * so the probes time the requests alone; `npm start`'s default runs the worker beside them).
 * `ipc` opens a channel (bench/city/memory.ts asks the server for its heap through it).
 */
export async function startCityServer(
  kept: KeptCity,
  o: { server: CityServer; nodeFlags?: string[]; env?: Record<string, string>; ipc?: boolean },
): Promise<StartedServer> {
  const stdio = ['ignore', 'pipe', 'inherit', ...(o.ipc ? ['ipc' as const] : [])] as Array<'ignore' | 'pipe' | 'inherit' | 'ipc'>;
  if (o.server === 'source') {
    const child = spawn(process.execPath, [...(o.nodeFlags ?? []), '--import', 'tsx', 'bench/city/server.ts'], {
      env: { ...process.env, ...o.env, CITY_DATABASE: JSON.stringify(kept.database), CITY_KEY: kept.key, TSX_TSCONFIG_PATH: 'packages/server/test/tsconfig.json' },
      stdio,
    });
    return { child, url: await ready(child) };
  }
  const port = await freePort();
  const databaseUrl = kept.database.kind === 'sqlite' ? `sqlite:${kept.database.file}` : kept.database.url;
  const child = spawn(process.execPath, [...(o.nodeFlags ?? []), 'packages/server/dist/main.js'], {
    env: {
      PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL: databaseUrl, OPENLINE_DATA_KEY: kept.key,
      PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DEMO: '0', WORKER: '0',
      // SESSION_CACHE=0 in the bench's environment times every request with its session read (ADR 0078).
      ...(process.env.SESSION_CACHE ? { SESSION_CACHE: process.env.SESSION_CACHE } : {}), ...o.env,
    },
    stdio,
  });
  // Its log (warnings only) goes where the bench's own does.
  child.stdout?.pipe(process.stderr);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`server exited (${code})`))));
  exited.catch(() => undefined);
  for (;;) {
    const up = await Promise.race([fetch(`${url}/healthz`).then((r) => r.ok, () => false), exited]);
    if (up) return { child, url };
    await new Promise((r) => setTimeout(r, 100));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** Percentiles of a list of ms, rounded to 0.1 ms (0.01 below 1 ms is noise on this machine). */
function quantiles(values: number[]): (q: number) => number {
  const sorted = [...values].sort((a, b) => a - b);
  return (q) => Math.round((sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0) * 10) / 10;
}

/**
 * Where the slowest 1 % of a probe's requests spent their time: each server phase's mean over
 * them, and what the client waited beyond the server's `app` time (socket, parsing, the client).
 * Slowest by what the client waited, or (`by`) by another measure such as the server's CPU.
 */
export function tailOf(timed: readonly TimedRequest[], by: (t: TimedRequest) => number = (t) => t.ms): Record<string, number> {
  const n = Math.max(1, Math.ceil(timed.length / 100));
  const slowest = [...timed].sort((a, b) => by(b) - by(a)).slice(0, n);
  const mean = (f: (t: TimedRequest) => number): number => Math.round((slowest.reduce((s, t) => s + f(t), 0) / slowest.length) * 100) / 100;
  const phases = Object.keys(slowest[0]?.server ?? {});
  return { client: mean((t) => t.ms), clientCpu: mean((t) => t.clientCpuMs), clientGc: mean((t) => t.clientGcMs ?? 0), ...Object.fromEntries(phases.map((p) => [p, mean((t) => t.server[p] ?? 0)])), outside: mean((t) => t.ms - (t.server.app ?? 0)) };
}

/**
 * Starts the server on the kept city, logs each user in, sends `warm` untimed screen-pop requests
 * (warmUpPaths) when asked, then times each probe `runs` times (after one warm-up) from the lean client in its own process (`client: 'child'`, the default)
 * or the bench's first in-process fetch client (`'fetch'`). `serverP50/P99` are the server's
 * own time (Server-Timing `app`); `gc` the server's collections during the probe: both only from
 * the source server (`server: 'source'`, the default here; the command line's default is the product).
 */
export async function runCityBench(
  kept: KeptCity,
  o: { runs: number; budgetMs?: number; server?: CityServer; client?: ClientKind; only?: RegExp; warm?: number; log: (m: string) => void },
): Promise<CityBenchResult> {
  const kind = o.server ?? 'source';
  const { child: server, url } = await startCityServer(kept, { server: kind, nodeFlags: serverArgs() });
  let client: ProbeClient | undefined;
  try {
    const startRssMb = memory(server.pid ?? 0).rss;
    const cookies = new Map<string, string>();
    for (const u of kept.city.users) cookies.set(u.username, await login(url, u.username));
    client = o.client === 'fetch' ? fetchClient(url) : childClient(url);
    if ((o.warm ?? 0) > 0) await client.run({ cookie: cookies.get('city-operator') ?? '', paths: warmUpPaths(kept, o.warm ?? 0), budgetMs: 120_000 });
    const table: CityBenchResult['table'] = {};
    const tails: CityBenchResult['tails'] = {};
    const cpuTails: CityBenchResult['tails'] = {};
    for (const probe of cityProbes(kept).filter((p) => !o.only || o.only.test(p.name))) {
      // A probe that needs hundreds of runs for its p99 gets them, except in a one-run smoke test.
      const runs = o.runs <= 1 ? o.runs : Math.max(o.runs, probe.runs ?? 0);
      const paths = [probe.path, ...Array.from({ length: runs }, (_, i) => (probe.pathOf ? probe.pathOf(i + 1) : probe.path))];
      const gcBefore = await gcOf(url);
      // A slow probe stops after its time budget: its figures say enough and the rest still run.
      const { first, timed } = await client.run({ cookie: cookies.get(probe.user) ?? '', paths, budgetMs: o.budgetMs ?? 15_000 });
      const gcAfter = await gcOf(url);
      const at = quantiles(timed.map((t) => t.ms));
      const server = quantiles(timed.map((t) => t.server.app ?? Number.NaN));
      const serverCpu = quantiles(timed.map((t) => t.server.cpu ?? Number.NaN));
      const clientCpu = quantiles(timed.map((t) => t.clientCpuMs));
      const total = typeof first.total === 'number' ? (first.totalCapped === true ? `≥${first.total}` : first.total) : undefined;
      table[probe.name] = {
        runs: timed.length, median: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1), serverP50: server(0.5), serverP99: server(0.99),
        serverCpuP50: serverCpu(0.5), serverCpuP99: serverCpu(0.99), clientCpuP99: clientCpu(0.99), clientGc: clientGcOf(timed),
        gc: gcAfter && gcBefore ? `${gcAfter.count - gcBefore.count} / ${Math.round((gcAfter.totalMs - gcBefore.totalMs) * 10) / 10} ms` : '—',
        ...(total === undefined ? {} : { total }),
      };
      tails[probe.name] = tailOf(timed);
      cpuTails[probe.name] = tailOf(timed, (t) => t.server.cpu ?? 0);
      o.log(`${probe.name}: p95 ${at(0.95)} ms, p99 ${at(0.99)} ms (server p99 ${server(0.99)} ms, its CPU p99 ${serverCpu(0.99)} ms)`);
    }
    const rss = memory(server.pid ?? 0);
    return { db: kept.database.kind, cases: kept.city.rows.cases ?? 0, client: o.client ?? 'child', server: kind, table, tails, cpuTails, rssMb: rss.rss, peakRssMb: rss.peak, startRssMb };
  } finally {
    await client?.close();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

/** The client's collections that fell inside timed requests: how many requests met one / their ms. */
function clientGcOf(timed: readonly TimedRequest[]): string {
  const hit = timed.filter((t) => (t.clientGcMs ?? 0) > 0);
  return `${hit.length} / ${Math.round(hit.reduce((s, t) => s + (t.clientGcMs ?? 0), 0) * 10) / 10} ms`;
}

/** Node flags for the server process alone (CITY_SERVER_ARGS, e.g. `--cpu-prof --trace-gc`). */
function serverArgs(): string[] {
  return (process.env.CITY_SERVER_ARGS ?? '').split(' ').filter((a) => a !== '');
}

/**
 * The source server's garbage collections so far; the product server has no such route (null).
 * With the console built, the product answers an unknown path with the console's page (200, HTML).
 */
async function gcOf(url: string): Promise<{ count: number; totalMs: number } | null> {
  const r = await fetch(`${url}/bench/gc`);
  const json = r.status === 200 && (r.headers.get('content-type') ?? '').includes('application/json');
  if (!json) await r.body?.cancel();
  return json ? ((await r.json()) as { count: number; totalMs: number }) : null;
}

function ready(server: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: server.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith('ready ')) resolve(line.slice(6));
      // Anything else the server prints (CITY_SERVER_ARGS=--trace-gc) goes on to stderr.
      else process.stderr.write(`${line}\n`);
    });
    server.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
}

export async function login(url: string, username: string): Promise<string> {
  const r = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: CITY_PASSWORD }) });
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c?.startsWith('openline_session='));
  if (r.status !== 200 || !cookie) throw new Error(`login ${username}: ${r.status}`);
  return cookie;
}

export async function get(url: string, path: string, cookie: string): Promise<{ total?: unknown; totalCapped?: unknown }> {
  const r = await fetch(`${url}${path}`, { headers: { cookie } });
  const body = (await r.json()) as { total?: unknown; totalCapped?: unknown };
  if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(body)}`);
  return body;
}

/** The server's resident memory now and at its peak (Linux /proc), in MB. */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}
