// Where the server's memory goes on a kept city (issue 13 §3, ADR 0066): starts one server, runs
// bench:city's probes group by group, and after each group reads its resident memory from /proc
// (now, and the peak since the group began: VmHWM reset through clear_refs) and the process's own
// figures (V8 heap by space, external, array buffers) through bench/city/memory-probe.mjs.
//   npm run bench:city-memory -- --from DIR [--server product|source] [--node=--max-semi-space-size=4]
//     [--env MALLOC_ARENA_MAX=2] [--runs 20]
// --server product (default): `node packages/server/dist/main.js` as `npm start` runs it (the npm
// script builds it first; WORKER=0, as bench:city); --server source: bench/city/server.ts under tsx.
// --node=--expose-gc adds the heap's live size after a full collection (which changes what follows).
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { cityProbes, get, login, startCityServer } from './bench.js';
import { readKept } from './keep.js';

const { values } = parseArgs({
  options: {
    from: { type: 'string' },
    server: { type: 'string', default: 'product' },
    node: { type: 'string', default: '' },
    env: { type: 'string', multiple: true, default: [] },
    runs: { type: 'string', default: '20' },
  },
});
if (!values.from) throw new Error('--from DIR: a city kept by bench:city --keep');
const kept = readKept(values.from);
const runs = Number(values.runs);
const nodeFlags = values.node.split(' ').filter((f) => f.length > 0);
const extraEnv = Object.fromEntries(values.env.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));

interface Reading {
  step: string;
  rssMb: number;
  peakMb: number;
  anonMb: number;
  fileMb: number;
  heapUsedMb: number;
  /** heapUsed after a full collection (only under --node --expose-gc; it collects, so it changes what follows). */
  liveHeapMb: number | null;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  newSpaceMb: number;
  oldSpaceMb: number;
  threads: number;
  cpuS: number;
}

const mb = (bytes: number): number => Math.round(bytes / 1048576);
const server = await startCityServer(kept, {
  server: values.server === 'source' ? 'source' : 'product',
  nodeFlags: [...nodeFlags, '--import', './bench/city/memory-probe.mjs'],
  env: extraEnv,
  ipc: true,
});
const pid = server.child.pid ?? 0;
const readings: Reading[] = [];
const t0 = Date.now();
try {
  readings.push(await read('started (after optimize)'));
  resetPeak();
  const cookies = new Map<string, string>();
  for (const u of kept.city.users) cookies.set(u.username, await login(server.url, u.username));
  readings.push(await read('logins'));
  // Groups as the probes' names begin (screen-pop, search, list, …): which kind raises the peak.
  const groups = new Map<string, ReturnType<typeof cityProbes>>();
  for (const p of cityProbes(kept)) {
    const g = p.name.startsWith('screen-pop') || p.name.startsWith('search') || p.name.startsWith('dashboard') || p.name.startsWith('list') ? p.name.split(':')[0] ?? p.name : 'lists';
    groups.set(g, [...(groups.get(g) ?? []), p]);
  }
  for (const [group, probes] of groups) {
    resetPeak();
    for (const probe of probes) {
      // Every probe `runs` times (the screen-pop's hundreds only time it, they hold nothing more).
      for (let i = 0; i <= runs; i++) await get(server.url, probe.pathOf ? probe.pathOf(i) : probe.path, cookies.get(probe.user) ?? '');
    }
    readings.push(await read(group));
  }
  readings.push(await read('end (all probes)', false));
} finally {
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
}
console.table(readings);
const result = { server: values.server, node: values.node, env: extraEnv, cases: kept.city.rows.cases, seconds: (Date.now() - t0) / 1000, readings };
console.log(JSON.stringify(result));
if (process.env.CITY_MEMORY_OUT) writeFileSync(process.env.CITY_MEMORY_OUT, `${JSON.stringify(result)}\n`, { flag: 'a' });

/** Lets VmHWM count from now (Linux: writing 5 to clear_refs resets the peak). */
function resetPeak(): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

async function read(step: string, settle = true): Promise<Reading> {
  if (settle) await new Promise((r) => setTimeout(r, 200));
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kb = (text: string, field: string): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(stat[11] ?? 0) + Number(stat[12] ?? 0);
  type Own = { memory: NodeJS.MemoryUsage; spaces: Record<string, number>; liveHeap: number | null };
  const own = await new Promise<Own>((resolve) => {
    server.child.once('message', (m) => resolve(m as Own));
    server.child.send('memory');
  });
  return {
    step,
    rssMb: Math.round(kb(status, 'VmRSS') / 1024),
    peakMb: Math.round(kb(status, 'VmHWM') / 1024),
    anonMb: Math.round(kb(rollup, 'Anonymous') / 1024),
    fileMb: Math.round((kb(status, 'RssFile') + kb(status, 'RssShmem')) / 1024),
    heapUsedMb: mb(own.memory.heapUsed),
    liveHeapMb: own.liveHeap === null ? null : mb(own.liveHeap),
    heapTotalMb: mb(own.memory.heapTotal),
    externalMb: mb(own.memory.external),
    arrayBuffersMb: mb(own.memory.arrayBuffers),
    newSpaceMb: own.spaces.new_space ?? 0,
    oldSpaceMb: own.spaces.old_space ?? 0,
    threads: kb(status, 'Threads'),
    cpuS: ticks / 100,
  };
}
