import http from 'node:http';

export interface RouteResult {
  requests: number;
  perSecond: number;
  latencyMs: { p50: number; p99: number };
  /** Answers other than the expected status, by status: must stay empty. */
  failures: Record<string, number>;
}

export interface Request {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * Sends requests made by `next(i)` through `connections` kept-alive sockets for `seconds`, each
 * connection one request at a time (node:http, no load tool needed), and counts the answers.
 */
export async function drive(base: string, o: { seconds: number; connections: number; expect: number; next: (i: number) => Request }): Promise<RouteResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let i = 0;
  const started = performance.now();
  const until = started + o.seconds * 1000;
  const send = (r: Request): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = http.request(new URL(r.path, base), { method: r.method, agent, headers: { ...r.headers, ...(r.body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(r.body)) } : {}) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(r.body);
    });
  const connection = async (): Promise<void> => {
    while (performance.now() < until) {
      const t0 = performance.now();
      const status = await send(o.next(i++));
      latencies.push(performance.now() - t0);
      if (status !== o.expect) failures[status] = (failures[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: o.connections }, connection));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => Number((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? 0).toFixed(1));
  return { requests: latencies.length, perSecond: Math.round(latencies.length / seconds), latencyMs: { p50: at(0.5), p99: at(0.99) }, failures };
}
