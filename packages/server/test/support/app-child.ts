// A second Openline process for the multi-process tests (multi-process.test.ts): the real app on
// the same database, listening on its own port, with the live bus main.ts would choose; and on
// request, one of the worker's jobs, run until nothing is left, so two processes race for the
// same rows. Run with `node --import tsx`. Protocol: it prints `{"port":N}` once listening, then
// answers each stdin line `{"id","job",…}` with one stdout line `{"id","result"}` (or `"error"`).
import path from 'node:path';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { buildApp } from '../../src/app.js';
import type { DatabaseConfig } from '../../src/config.js';
import { createPiiCipher } from '../../src/crypto/pii.js';
import { openDatabase } from '../../src/db/database.js';
import type { AppContext } from '../../src/lib/app-context.js';
import { evaluateColdLines } from '../../src/modules/cold-lines/monitor.js';
import { startLiveBus } from '../../src/modules/live/start.js';
import { deliverDueMessages } from '../../src/modules/outbox/deliver.js';
import { webhookProvider } from '../../src/modules/outbox/providers.js';
import { refreshFigures } from '../../src/modules/stats/rollup.js';
import { sweepDeadlines } from '../../src/modules/supervision/sweep.js';

export interface ChildJob {
  id: number;
  job: 'supervision' | 'outbox' | 'figures' | 'cold-lines';
  /** The outbox's webhook (outbox job). */
  url?: string;
}

const config = JSON.parse(process.env.CHILD_DATABASE ?? 'null') as DatabaseConfig;
const pii = createPiiCipher(Buffer.from(process.env.CHILD_KEY ?? '', 'base64'));
// The reconnect test terminates the listening connection on purpose (57P01): not worth printing.
const quiet = {
  warn: () => undefined,
  error: (obj: object, msg: string) => {
    if ((obj as { err?: { code?: string } }).err?.code !== '57P01') console.error(msg, obj);
  },
};
const database = openDatabase(config, { error: () => undefined });
const ctx: AppContext = { db: database.db, dialect: database.dialect, pii };
const bus = await startLiveBus(config, database, quiet, { snapshotMs: 500, reconnectMs: 100 });
const app = await buildApp({ config: { logLevel: 'silent', webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false, live: { heartbeatMs: 1_000 } }, database, pii });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ port: Number(new URL(address).port) })}\n`);

async function run(job: ChildJob): Promise<unknown> {
  switch (job.job) {
    case 'supervision': {
      let overdue = 0;
      for (;;) {
        const s = await sweepDeadlines(ctx, { batchSize: 50 });
        overdue += s.overdue;
        if (s.overdue === 0) return { overdue };
      }
    }
    case 'outbox': {
      const provider = webhookProvider({ url: job.url ?? '', secret: undefined });
      let sent = 0;
      for (;;) {
        const s = await deliverDueMessages(ctx, { provider, workerId: `child-${process.pid}`, batchSize: 20 });
        sent += s.sent;
        if (s.sent + s.retried + s.failed === 0) return { sent };
      }
    }
    case 'figures':
      return refreshFigures(ctx);
    case 'cold-lines':
      return evaluateColdLines(ctx);
  }
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const job = JSON.parse(line) as ChildJob;
  run(job).then(
    (result) => process.stdout.write(`${JSON.stringify({ id: job.id, result })}\n`),
    (err: unknown) => process.stdout.write(`${JSON.stringify({ id: job.id, error: err instanceof Error ? err.message : String(err) })}\n`),
  );
});
lines.on('close', () => {
  void app.close().then(() => bus.close()).then(() => database.close()).then(() => process.exit(0));
});
