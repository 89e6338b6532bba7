// N Openline processes behind one port (node:cluster: the primary accepts and hands connections
// to the workers round-robin), as `npm run bench:processes` starts them. Each worker is a whole
// app as main.ts builds it (own pool, the live bus its database calls for); no background worker.
// Env: BENCH_DATABASE (DatabaseConfig JSON), BENCH_KEY (base64), BENCH_PORT, BENCH_PROCESSES,
// BENCH_DRAIN ('0': no public-intake drainer, so the accept route's figures are the accept's alone).
// The primary prints `ready` once every worker listens, answers a stdin line `cpu` with
// `cpu <µs>` (user + system CPU of all workers so far), and stops them on SIGTERM or stdin's end.
import cluster from 'node:cluster';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { buildApp } from '../../packages/server/src/app.js';
import type { DatabaseConfig } from '../../packages/server/src/config.js';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import { openDatabase } from '../../packages/server/src/db/database.js';
import { startLiveBus } from '../../packages/server/src/modules/live/start.js';

const processes = Number(process.env.BENCH_PROCESSES ?? '1');
const port = Number(process.env.BENCH_PORT ?? '0');

if (cluster.isPrimary) {
  let listening = 0;
  for (let i = 0; i < processes; i++) {
    cluster.fork().on('message', (m: unknown) => {
      if (m === 'listening' && ++listening === processes) process.stdout.write('ready\n');
    });
  }
  const stop = (): void => {
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    setTimeout(() => process.exit(0), 2_000).unref();
  };
  process.on('SIGTERM', stop);
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line !== 'cpu') return;
    const workers = Object.values(cluster.workers ?? {}).flatMap((w) => (w ? [w] : []));
    void Promise.all(workers.map((w) => new Promise<number>((resolve) => {
      const answer = (m: unknown): void => {
        if (typeof m !== 'object' || m === null || !('cpu' in m)) return;
        w.off('message', answer);
        resolve(Number(m.cpu));
      };
      w.on('message', answer);
      w.send('cpu');
    }))).then((each) => process.stdout.write(`cpu ${each.reduce((a, b) => a + b, 0)}\n`));
  });
  lines.on('close', stop);
} else {
  const config = JSON.parse(process.env.BENCH_DATABASE ?? 'null') as DatabaseConfig;
  const database = openDatabase(config);
  const log = { warn: () => undefined, error: (obj: object, msg: string) => console.error(msg, obj) };
  const bus = await startLiveBus(config, database, log);
  const app = await buildApp({
    config: { logLevel: 'silent', webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false, publicRateLimits: false },
    database,
    pii: createPiiCipher(Buffer.from(process.env.BENCH_KEY ?? '', 'base64')),
    publicIntakeDrainer: process.env.BENCH_DRAIN !== '0',
  });
  await app.listen({ port, host: '127.0.0.1' });
  process.send?.('listening');
  process.on('message', (m: unknown) => {
    if (m !== 'cpu') return;
    const { user, system } = process.cpuUsage();
    process.send?.({ cpu: user + system });
  });
  process.on('SIGTERM', () => {
    void app.close().then(() => bus.close()).then(() => database.close()).then(() => process.exit(0));
  });
}
