// The city bench's HTTP client (issue 10 §2). Two kinds, so a run can compare them:
// - `child` (default): node:http over ONE kept-alive socket, in a process of its own
//   (probe-child.ts), doing nothing but sending the probe's requests one after the other. The
//   bench's own process holds the whole kept city and its garbage; a collection there, or undici's
//   per-request work, landed in the measured time of a 1 ms request.
// - `fetch`: the bench's first client, global fetch in the bench's process, kept to show the difference.
// Each answer's Server-Timing header (bench/city/server-timing.ts) is read back, so the server's
// share of every request's time is known beside what the client saw.
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

/** One request as timed: what the client waited, and the server's phases (ms) from its header. */
export interface TimedRequest {
  ms: number;
  /** The client process's own CPU for this request (ms; the in-process fetch client: the bench's). */
  clientCpuMs: number;
  /** The client's own garbage collections during this request (ms; the child client only). */
  clientGcMs?: number;
  server: Record<string, number>;
}

/** A probe for the client: its requests in order (the first is the warm-up, not timed into the figures). */
export interface ProbeRequests {
  cookie: string;
  paths: string[];
  /** Stop sending after this many ms (at least one timed request is always sent). */
  budgetMs: number;
}

export interface ProbeAnswer {
  /** The warm-up answer's `total` and `totalCapped`, for the table. */
  first: { total?: unknown; totalCapped?: unknown };
  timed: TimedRequest[];
}

export interface ProbeClient {
  run(probe: ProbeRequests): Promise<ProbeAnswer>;
  close(): Promise<void>;
}

export type ClientKind = 'child' | 'fetch';

/** `app;dur=0.41, auth;dur=0.2` → { app: 0.41, auth: 0.2 }. */
export function parseServerTiming(header: string | null | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (header ?? '').split(',')) {
    const m = /^\s*([\w-]+)\s*;\s*dur=([\d.]+)/.exec(part);
    if (m?.[1] && m[2]) out[m[1]] = Number(m[2]);
  }
  return out;
}

interface Answer { status: number; text: string; serverTiming: string | undefined }

/**
 * One GET. The body is decoded only when it is read (the warm-up's totals, an error's text): a
 * timed answer's bytes are only counted, so the client allocates little and collects rarely.
 */
function get(agent: http.Agent, url: URL, cookie: string, keepBody: boolean): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent, headers: { cookie } }, (res) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      const keep = keepBody || status !== 200;
      res.on('data', (chunk: Buffer) => {
        if (keep) chunks.push(chunk);
      });
      res.on('end', () => resolve({ status, text: keep ? Buffer.concat(chunks).toString('utf8') : '', serverTiming: [res.headers['server-timing'] ?? ''].flat().join(', ') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The client's own GC pauses as [start, end] (performance.now() ms), while a probe runs. */
function watchClientGc(): { pauses: Array<[number, number]>; stop(): void } {
  const pauses: Array<[number, number]> = [];
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries() as PerformanceEntry[]) pauses.push([e.startTime, e.startTime + e.duration]);
  });
  obs.observe({ entryTypes: ['gc'] });
  return { pauses, stop: () => obs.disconnect() };
}

/** ms of the pauses that overlap [t0, t1]. */
function overlapMs(pauses: ReadonlyArray<[number, number]>, t0: number, t1: number): number {
  return pauses.reduce((s, [a, b]) => s + Math.max(0, Math.min(b, t1) - Math.max(a, t0)), 0);
}

function checked(path: string, a: Answer): Answer {
  if (a.status !== 200) throw new Error(`GET ${path}: ${a.status} ${a.text.slice(0, 200)}`);
  return a;
}

/** Runs one probe over one kept-alive socket: what probe-child.ts does for the bench. */
export async function runProbeOverHttp(agent: http.Agent, base: string, probe: ProbeRequests): Promise<ProbeAnswer> {
  const [warm, ...rest] = probe.paths;
  const first = JSON.parse(checked(warm ?? '', await get(agent, new URL(warm ?? '/', base), probe.cookie, true)).text) as ProbeAnswer['first'];
  const urls = rest.map((path) => new URL(path, base));
  const spans: Array<{ t0: number; t1: number; cpu: number; serverTiming: string | undefined }> = [];
  const gc = watchClientGc();
  try {
    const ends = performance.now() + probe.budgetMs;
    for (const [i, url] of urls.entries()) {
      if (spans.length > 0 && performance.now() >= ends) break;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const a = await get(agent, url, probe.cookie, false);
      const t1 = performance.now();
      const c = process.cpuUsage(c0);
      checked(rest[i] ?? '', a);
      spans.push({ t0, t1, cpu: (c.user + c.system) / 1000, serverTiming: a.serverTiming });
    }
    // GC entries are delivered after the pause, on a later turn: let them arrive before reading.
    await new Promise((r) => setTimeout(r, 10));
  } finally {
    gc.stop();
  }
  const timed = spans.map((s) => ({ ms: s.t1 - s.t0, clientCpuMs: s.cpu, clientGcMs: overlapMs(gc.pauses, s.t0, s.t1), server: parseServerTiming(s.serverTiming) }));
  return { first, timed };
}

/** The lean client in a process of its own; one for the whole bench, probes sent to it one at a time. */
export function childClient(base: string): ProbeClient {
  // CITY_CLIENT_ARGS: Node flags for the client alone (e.g. a larger young generation).
  const flags = (process.env.CITY_CLIENT_ARGS ?? '').split(' ').filter((a) => a !== '');
  const child: ChildProcess = fork(new URL('./probe-child.ts', import.meta.url), [base], { execArgv: [...flags, '--import', 'tsx'], stdio: 'inherit' });
  let pending: { resolve: (a: ProbeAnswer) => void; reject: (e: Error) => void } | undefined;
  child.on('message', (m: { answer?: ProbeAnswer; error?: string }) => {
    const p = pending;
    pending = undefined;
    if (m.answer) p?.resolve(m.answer);
    else p?.reject(new Error(m.error ?? 'the probe client failed'));
  });
  child.once('exit', (code) => pending?.reject(new Error(`the probe client exited with ${code}`)));
  return {
    run: (probe) => new Promise((resolve, reject) => {
      pending = { resolve, reject };
      child.send(probe);
    }),
    close: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.disconnect();
    }),
  };
}

/** The bench's first client: fetch in the bench's own process (before issue 10 §2's honest measurement). */
export function fetchClient(base: string): ProbeClient {
  const once = async (path: string, cookie: string): Promise<Response> => {
    const r = await fetch(`${base}${path}`, { headers: { cookie } });
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${(await r.text()).slice(0, 200)}`);
    return r;
  };
  return {
    run: async (probe) => {
      const [warm, ...rest] = probe.paths;
      const first = (await (await once(warm ?? '/', probe.cookie)).json()) as ProbeAnswer['first'];
      const timed: TimedRequest[] = [];
      const ends = performance.now() + probe.budgetMs;
      for (const path of rest) {
        if (timed.length > 0 && performance.now() >= ends) break;
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const r = await once(path, probe.cookie);
        await r.json();
        const ms = performance.now() - t0;
        const c = process.cpuUsage(c0);
        timed.push({ ms, clientCpuMs: (c.user + c.system) / 1000, server: parseServerTiming(r.headers.get('server-timing')) });
      }
      return { first, timed };
    },
    close: async () => undefined,
  };
}
