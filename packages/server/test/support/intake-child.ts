// A second process for the public intake tests (ADR 0032): opens the same database and either
// drains the backlog ("drain": prints how many rows it processed) or dies by SIGKILL in the middle
// of a batch, after opening cases and before the commit ("crash"). Run with `node --import tsx`.
import { createPiiCipher } from '../../src/crypto/pii.js';
import type { DatabaseConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { inTransaction } from '../../src/lib/unit-of-work.js';
import { processIntakeBatch } from '../../src/modules/public-intake/process.js';
import { claimBacklog } from '../../src/modules/public-intake/repository.js';
import { fileUnattendedContact } from '../../src/modules/unattended-intake/service.js';
import { findJurisdiction } from '../../src/modules/jurisdictions/repository.js';

const config = JSON.parse(process.env.INTAKE_DATABASE ?? 'null') as DatabaseConfig;
const key = Buffer.from(process.env.INTAKE_KEY ?? '', 'base64');
const database = openDatabase(config);
const ctx = { db: database.db, dialect: database.dialect, pii: createPiiCipher(key) };
process.stdout.write('ready\n');
process.stdin.once('data', async () => {
  if (process.env.INTAKE_MODE === 'crash') {
    await inTransaction(ctx, async (tx) => {
      const rows = await claimBacklog(tx.db, tx.dialect, { limit: 10 });
      for (const row of rows) {
        const appeal = JSON.parse(tx.pii.decrypt(row.payload_enc ?? '')) as { name: string; phone: string; content: string; ip: string; trackingCode: string };
        const jurisdiction = await findJurisdiction(tx.db, row.jurisdiction_id);
        if (!jurisdiction) throw new Error('no jurisdiction');
        await fileUnattendedContact(tx, { jurisdiction, channel: 'web', content: appeal.content, phoneE164: appeal.phone, callerName: appeal.name, line: null, ip: appeal.ip }, { urgency: 'normal', trackingCode: appeal.trackingCode });
      }
      process.stdout.write(`claimed ${rows.length}\n`);
      // kill -9 with the batch's cases written and not committed.
      process.kill(process.pid, 'SIGKILL');
    });
    return;
  }
  let processed = 0;
  for (;;) {
    try {
      const batch = await processIntakeBatch(ctx, { limit: 16 });
      processed += batch.processed;
      if (batch.claimed === 0) break;
      // Room for the other process: SQLite's busy wait polls, and a loop that never lets go starves it.
      await new Promise((resolve) => setTimeout(resolve, 5));
    } catch (err) {
      // SQLite: the other process held the one write lock past busy_timeout; ask again.
      if (!String((err as { code?: unknown }).code).startsWith('SQLITE_BUSY')) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  await database.close();
  process.stdout.write(`${JSON.stringify({ processed })}\n`);
});
