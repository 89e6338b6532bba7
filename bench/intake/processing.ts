// The public intake drainer's own cost (issue 13 §2: ≤ 1 ms of CPU per appeal at 1 M open cases),
// without HTTP: N appeals accepted through the accept path's batches, then processed as the
// drainer does, CPU of this process per appeal. Run with `node --cpu-prof` for a profile.
//   npm run bench:intake-processing -- [--appeals 5000] [--open-cases 0] [--batch 64] [--db sqlite]
//     [--open-share 0.3] [--keep-db FILE]
// --open-share: the share of generated cases left open (1: generate only the open ones asked for).
// --keep-db FILE (SQLite): seed FILE once and keep it; a later run on the same FILE skips the
// seeding (a million open cases take half an hour to generate on a loaded machine).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { acceptPublicAppeals, prepareSubmission } from '../../packages/server/src/modules/public-intake/accept.js';
import { publicIntakeFigures } from '../../packages/server/src/modules/public-intake/figures.js';
import { processIntakeBatch } from '../../packages/server/src/modules/public-intake/process.js';
import { createJurisdiction, createOrgUnit } from '../../packages/server/src/modules/org/service.js';
import { findJurisdiction } from '../../packages/server/src/modules/jurisdictions/repository.js';
import { openDatabase } from '../../packages/server/src/db/database.js';
import { publicAppealInput } from '../../packages/core/src/appeal.js';
import { openBenchDatabase } from '../cases/database.js';
import { generateCases } from '../cases/generate.js';
import { appealBodies } from './appeals.js';

const { values } = parseArgs({
  options: {
    appeals: { type: 'string', default: '5000' }, 'open-cases': { type: 'string', default: '0' }, batch: { type: 'string', default: '64' },
    db: { type: 'string', default: 'sqlite' }, warm: { type: 'string', default: '3000' }, profile: { type: 'string' },
    'open-share': { type: 'string', default: '0.3' }, 'keep-db': { type: 'string' },
  },
});

const kept = values['keep-db'];
const reused = kept !== undefined && existsSync(kept);
const { database, cleanup } = kept !== undefined
  ? { database: openDatabase({ kind: 'sqlite', file: kept }), cleanup: async () => {} }
  : await openBenchDatabase(String(values.db));
try {
  await migrateToLatest(database.db);
  await database.optimize();
  // A kept database is read again by a later run: its sealed values and blind indexes need the same key.
  const key = kept !== undefined ? createHash('sha256').update('openline bench key').digest() : randomBytes(32);
  const ctx = { db: database.db, dialect: database.dialect, pii: createPiiCipher(key), publicRateLimits: false };
  const openCases = Number(values['open-cases']);
  const openShare = Number(values['open-share']);
  const existing = reused ? await ctx.db.selectFrom('jurisdictions').select('id').where('code', '=', 'bench').executeTakeFirst() : undefined;
  const j = existing ? await findJurisdiction(ctx.db, existing.id) : await createJurisdiction(ctx.db, { code: 'bench', name: '基准市' });
  if (!j) throw new Error('the kept database has no bench jurisdiction');
  if (!existing && openCases > 0) {
    const city = await createOrgUnit(ctx.db, { jurisdictionId: j.id, parentId: null, name: '市政府', kind: 'city' });
    const t = performance.now();
    // A share of generated cases is open (30 % by default): generate enough for the open ones asked for.
    const count = Math.round(openCases / openShare);
    await generateCases(ctx.db, ctx.pii, { jurisdictionId: j.id, timezone: j.timezone, unitIds: [city.id], count, now: new Date(), searchIndex: database.dialect, openShare });
    await database.optimize();
    console.log(`generated ${count} cases (${openCases} open) in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  const open = await ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('status', 'not in', ['closed', 'merged', 'invalid']).executeTakeFirstOrThrow();
  console.log(`${Number(open.n)} open cases before the run${reused ? ' (kept database)' : ''}`);
  const accept = async (n: number, seed: number): Promise<void> => {
    const bodies = appealBodies(n, seed).map((b) => prepareSubmission(publicAppealInput.parse(JSON.parse(b)), '192.0.2.1'));
    for (let i = 0; i < bodies.length; i += 256) {
      const refused = (await acceptPublicAppeals(ctx, bodies.slice(i, i + 256))).find((a) => !a.ok);
      if (refused && !refused.ok) throw refused.error;
    }
  };
  // PostgreSQL: the server's CPU for the same work, from /proc (the server on this machine), summed
  // over the bench database's backends (a backend that ends during the run is not counted).
  const serverCpuMs = async (): Promise<number | null> => {
    if (database.dialect !== 'postgres') return null;
    const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(ctx.db);
    let ticks = 0;
    for (const { pid } of rows) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        return null;
      }
    }
    return ticks * 10; // USER_HZ 100
  };
  const drain = async (limit: number): Promise<{ processed: number; cpuMs: number; seconds: number; serverMs: number | null }> => {
    const server = await serverCpuMs();
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    let processed = 0;
    for (;;) {
      const batch = await processIntakeBatch(ctx, { limit });
      if (batch.claimed === 0) break;
      processed += batch.processed;
    }
    const used = process.cpuUsage(cpu);
    const serverAfter = await serverCpuMs();
    const serverMs = server === null || serverAfter === null ? null : serverAfter - server;
    return { processed, cpuMs: (used.user + used.system) / 1000, seconds: (performance.now() - t0) / 1000, serverMs };
  };
  // A surge in progress: the same-incident window already holds the first appeals' cases.
  await accept(Number(values.warm), 7);
  await drain(Number(values.batch));
  await accept(Number(values.appeals), 8);
  // --profile FILE: a CPU profile of the measured processing only (open it in Chrome's DevTools).
  const session = values.profile ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const r = await drain(Number(values.batch));
  if (session && values.profile) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(values.profile, JSON.stringify(profile));
    session.disconnect();
  }
  const after = await publicIntakeFigures(ctx.db);
  console.log(
    `${database.dialect}, ${Number(open.n)} open cases, batch ${values.batch}: ${r.processed} appeals in ${r.seconds.toFixed(2)} s = ${Math.round(r.processed / r.seconds)}/s, ` +
      `${(r.cpuMs / Math.max(1, r.processed)).toFixed(3)} ms CPU per appeal` +
      (r.serverMs === null ? '' : ` (+ ${(r.serverMs / Math.max(1, r.processed)).toFixed(3)} ms of the PostgreSQL server's)`) + `; backlog left ${after.backlog}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`,
  );
} finally {
  await database.close();
  await cleanup();
}
