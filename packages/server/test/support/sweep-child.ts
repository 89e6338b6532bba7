// A second worker process for the exactly-once test: opens the same database and sweeps until
// nothing is due, then prints how many deadlines it escalated. Run with `node --import tsx`.
import { createPiiCipher } from '../../src/crypto/pii.js';
import type { DatabaseConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { sweepDeadlines } from '../../src/modules/supervision/sweep.js';

const config = JSON.parse(process.env.SWEEP_DATABASE ?? 'null') as DatabaseConfig;
const key = Buffer.from(process.env.SWEEP_KEY ?? '', 'base64');
const database = openDatabase(config);
const ctx = { db: database.db, dialect: database.dialect, pii: createPiiCipher(key) };
// Start together with the parent: it sends "go" once both are ready.
process.stdout.write('ready\n');
const offsetMs = Number(process.env.SWEEP_OFFSET_MS ?? '0');
process.stdin.once('data', async () => {
  let overdue = 0;
  let escalations = 0;
  for (;;) {
    const s = await sweepDeadlines(ctx, { batchSize: 100, now: () => new Date(Date.now() + offsetMs) });
    overdue += s.overdue;
    escalations += s.escalations;
    if (s.overdue === 0 && s.escalations === 0) break;
  }
  await database.close();
  process.stdout.write(`${JSON.stringify({ overdue, escalations })}\n`);
});
