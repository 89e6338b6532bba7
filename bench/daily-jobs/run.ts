// The worker's heavy daily jobs on a city kept by `npm run bench:city -- --cases N --keep DIR
// --no-bench` (issue 13 §3, ADR 0068): each job runs in a child process of its own, so the peak
// RSS printed is that job's (the process's maxRSS), with its wall and CPU time and the event
// loop's longest stall while it ran (what a request arriving then would have waited).
//   npm run bench:daily-jobs -- --city DIR [--jobs priority-refresh,routing-retrain,category-retrain] [--timeout-min 15]
// A job still running after --timeout-min is killed and reported with the RSS high-water mark the
// parent read from /proc (its own figures died with it).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import { openDatabase } from '../../packages/server/src/db/database.js';
import { retrainAllCategoryModels } from '../../packages/server/src/modules/categories/learned/train.js';
import { refreshOpenPriorities } from '../../packages/server/src/modules/priority/recompute.js';
import { retrainAllRouters } from '../../packages/server/src/modules/routing/schedule.js';
import { readKept } from '../city/keep.js';

const { values } = parseArgs({
  options: {
    city: { type: 'string' },
    jobs: { type: 'string', default: 'priority-refresh,routing-retrain,category-retrain' },
    child: { type: 'string' },
    'timeout-min': { type: 'string', default: '15' },
  },
});
if (!values.city) throw new Error('--city DIR (a city kept by bench:city --keep)');

interface Figures { job: string; turns: number; top: string; wallS: number; cpuS: number; peakRssMb: number; maxLoopDelayMs: number; loopDelayP99Ms: number; result: string }

async function runOne(city: string, job: string): Promise<Figures> {
  const kept = readKept(city);
  const database = openDatabase(kept.database);
  const ctx = { db: database.db, dialect: database.dialect, pii: createPiiCipher(Buffer.from(kept.key, 'base64')) };
  // Two days ahead: a model trained by an earlier run must not make the job skip its retraining.
  const later = new Date(Date.now() + 2 * 86_400_000);
  const run: Record<string, () => Promise<unknown>> = {
    'priority-refresh': () => refreshOpenPriorities(ctx.db, new Date()),
    'routing-retrain': () => retrainAllRouters(ctx, later),
    'category-retrain': () => retrainAllCategoryModels(ctx, later),
  };
  const task = run[job];
  if (!task) throw new Error(`unknown job ${job}`);
  // A 5 ms timer: how late each turn comes is how long a request arriving then would have waited.
  // (monitorEventLoopDelay missed stalls made of one long chain of resolved promises: the
  // SQLite driver's awaits never leave the microtask queue.)
  const gaps: number[] = [];
  let last = performance.now();
  const probe = setInterval(() => {
    const t = performance.now();
    gaps.push(Math.max(0, t - last - 5));
    last = t;
  }, 5);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await task();
  const wallS = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  // One more timer turn, so a stall that lasted to the job's end (a synchronous tail) is recorded too.
  await new Promise((resolve) => setTimeout(resolve, 20));
  clearInterval(probe);
  gaps.sort((a, b) => a - b);
  await database.close();
  return {
    job, wallS: round(wallS), cpuS: round((c.user + c.system) / 1e6), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    turns: gaps.length, top: gaps.slice(-4).map(round).join(" "), maxLoopDelayMs: round(gaps.at(-1) ?? 0), loopDelayP99Ms: round(gaps[Math.floor(gaps.length * 0.99)] ?? 0), result: JSON.stringify(result).slice(0, 300),
  };
}
const round = (n: number): number => Math.round(n * 100) / 100;

if (values.child) {
  process.stdout.write(JSON.stringify(await runOne(values.city, values.child)));
} else {
  const rows: Array<Partial<Figures> & { job: string }> = [];
  const limitMs = Number(values['timeout-min']) * 60_000;
  for (const job of values.jobs.split(',')) {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--city', values.city, '--child', job], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    let hwmKb = 0;
    const started = performance.now();
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) hwmKb = Number(m[1]);
      } catch { /* ended */ }
      if (performance.now() - started > limitMs) child.kill('SIGKILL');
    }, 500);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    clearInterval(poll);
    if (code === 0) {
      const f = JSON.parse(out) as Figures;
      rows.push(f);
      console.error(`${job}: ${JSON.stringify(f)}`);
    } else {
      rows.push({ job, wallS: round((performance.now() - started) / 1000), peakRssMb: Math.round(hwmKb / 1024), result: `killed after ${values['timeout-min']} min (exit ${code})` });
      console.error(`${job}: not finished in ${values['timeout-min']} min, killed`);
    }
  }
  console.table(rows.map(({ result: _r, ...f }) => f));
}
