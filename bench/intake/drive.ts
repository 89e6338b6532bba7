import { fork } from 'node:child_process';
import http from 'node:http';
import { Worker } from 'node:worker_threads';
import { post } from '../cti/drive.js';
import { epochMs, watchLoop, type LoopWatched } from './loop-watch.js';

/** One request as the client saw it, in epoch ms: when it was due, sent, and answered. */
export interface RequestTimes {
  due: number;
  sent: number;
  done: number;
  status: number;
  code: string | null;
}

export interface AppealDrive {
  sent: number;
  seconds: number;
  perSecond: number;
  /** From when each request was due (open loop) or sent (closed loop), so queueing counts. */
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** Answers other than 201, by status and start of body: must stay empty. */
  failures: Record<string, number>;
  /** The tracking codes answered, to check against the database afterwards. */
  codes: string[];
  /** With `record`: every request's times, and the client's own stalls (its loop is part of the latency). */
  requests?: RequestTimes[];
  client?: LoopWatched;
}

export interface DriveOptions {
  connections: number;
  /** Open loop at this many requests a second in total; absent: closed loop, as fast as answered. */
  rate?: number | undefined;
  /** Path of the POST on the server. */
  path: string;
  /** Keep every request's times and watch the client's loop (bench:intake-tail). */
  record?: boolean;
}

/**
 * Sends every body once over `connections` kept-alive sockets (node:http). Closed loop measures
 * the ceiling; open loop (`rate`) measures latency at a given load, each request timed from when
 * it was due, so a stalled server cannot hide its queue (no coordinated omission).
 */
export async function driveAppeals(base: string, bodies: readonly string[], o: DriveOptions): Promise<AppealDrive> {
  const url = new URL(o.path, base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const codes: string[] = [];
  const requests: RequestTimes[] = [];
  const watch = o.record ? watchLoop() : undefined;
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    for (let i = next++; i < bodies.length; i = next++) {
      const due = o.rate ? started + (i * 1000) / o.rate : performance.now();
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const sent = performance.now();
      const res = await post(agent, url, bodies[i] ?? '', false);
      const done = performance.now();
      latencies.push(done - due);
      const code = res.status === 201 ? (JSON.parse(res.text) as { trackingCode?: string }).trackingCode ?? null : null;
      if (o.record) requests.push({ due: epochMs(due), sent: epochMs(sent), done: epochMs(done), status: res.status, code });
      if (res.status === 201) {
        if (code) codes.push(code);
      } else {
        const key = `${res.status} ${res.text.slice(0, 80)}`;
        failures[key] = (failures[key] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: o.connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  const client = watch?.stop();
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => Number((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? 0).toFixed(2));
  return {
    sent: latencies.length, seconds: Number(seconds.toFixed(2)), perSecond: Math.round(latencies.length / seconds),
    latencyMs: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) }, failures, codes,
    ...(o.record ? { requests, client } : {}),
  };
}

/** The same from a thread of its own: the client gets the second core, as citizens' browsers would be elsewhere. */
export function driveAppealsInThread(base: string, bodies: readonly string[], o: DriveOptions): Promise<AppealDrive> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./drive-thread.mjs', import.meta.url), { workerData: { base, bodies, options: o } });
    worker.once('message', (result: AppealDrive) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the client thread exited with ${code}`));
    });
  });
}

/**
 * The same from a child process: the server's process then runs nothing but the server, so
 * `process.cpuUsage()` around a run is the server's CPU (a worker thread's would be counted too).
 */
export function driveAppealsInChild(base: string, bodies: readonly string[], o: DriveOptions): Promise<AppealDrive> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./drive-child.ts', import.meta.url), { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    child.once('message', (result) => resolve(result as AppealDrive));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the client process exited with ${code}`));
    });
    child.send({ base, bodies, options: o });
  });
}
