import http from 'node:http';
import type { CtiPlan } from './plan.js';

export interface DriveResult {
  sent: number;
  seconds: number;
  eventsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** CPU time of this process (server and client) per event, user + system: what a loaded machine does not change much. */
  cpuMsPerEvent: number;
  /** Responses that were not 200 `{}`, by status: must stay empty. */
  failures: Record<string, number>;
}

export function post(agent: http.Agent, url: URL, body: string, form: boolean): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST', agent,
      headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Sends the plan over real HTTP through `connections` kept-alive sockets (node:http, no load
 * tool needed): each connection takes the next call and sends its events one after the other,
 * as a bridge does for one call, so `connections` calls are in flight at once.
 */
export async function driveCti(url: URL, plan: CtiPlan, connections: number): Promise<DriveResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let call = plan.calls[next++]; call; call = plan.calls[next++]) {
      for (const e of call.events) {
        const t0 = performance.now();
        const res = await post(agent, url, e.body, e.form);
        latencies.push(performance.now() - t0);
        if (res.status !== 200 || res.text !== '{}') {
          const key = `${res.status} ${res.text.slice(0, 80)}`;
          failures[key] = (failures[key] ?? 0) + 1;
        }
      }
    }
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => Number((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? 0).toFixed(2));
  return {
    sent: latencies.length, seconds: Number(seconds.toFixed(2)), eventsPerSecond: Math.round(latencies.length / seconds),
    latencyMs: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) }, failures,
    cpuMsPerEvent: Number(((used.user + used.system) / 1000 / Math.max(1, latencies.length)).toFixed(3)),
  };
}
