// The public intake drainer's own cost (issue 13 §2: ≤ 1 ms of CPU per appeal at 1 M open cases),
// without HTTP: N appeals accepted through the accept path's batches, then processed as the
// drainer does, CPU of this process per appeal. Run with `node --cpu-prof` for a profile.
//   npm run bench:intake-processing -- [--appeals 5000] [--open-cases 0] [--batch 64] [--db sqlite]
//     [--open-share 0.3] [--keep-db FILE] [--statements 15] [--slice-ms 20] [--city DIR]
// --statements N (SQLite): the N statements that took the most time in the measured drain, each
// with its calls and CPU microseconds per appeal (the driver's calls timed; SQLite's own work is in them).
// --open-share: the share of generated cases left open (1: generate only the open ones asked for).
// --keep-db FILE (SQLite): seed FILE once and keep it; a later run on the same FILE skips the
// seeding (a million open cases take half an hour to generate on a loaded machine).
// --pg-template NAME (PostgreSQL): the same for PostgreSQL: the first run seeds database NAME and
// keeps it; later runs work on a copy of it (CREATE DATABASE … TEMPLATE NAME), dropped after.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../packages/server/src/db/schema.js';
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
import { readKept } from '../city/keep.js';

const { values } = parseArgs({
  options: {
    appeals: { type: 'string', default: '5000' }, 'open-cases': { type: 'string', default: '0' }, batch: { type: 'string', default: '64' },
    db: { type: 'string', default: 'sqlite' }, warm: { type: 'string', default: '3000' }, profile: { type: 'string' },
    'open-share': { type: 'string', default: '0.3' }, 'keep-db': { type: 'string' }, statements: { type: 'string' },
    'pg-template': { type: 'string' },
    'slice-ms': { type: 'string' },
    city: { type: 'string' },
    drainers: { type: 'string', default: '1' },
  },
});

// --city DIR: a city kept by bench:city (its database, in place: nothing is copied, and the run's
// appeals stay in it; its jurisdiction and sealing key), e.g. one made with --open-share.
const keptCity = values.city === undefined ? undefined : readKept(values.city);
const kept = values['keep-db'];
const keptExists = kept !== undefined && existsSync(kept);
const { database, cleanup, copied } = keptCity !== undefined
  ? { database: openDatabase(keptCity.database), cleanup: async () => {}, copied: false }
  : kept !== undefined
    ? { database: openDatabase({ kind: 'sqlite', file: kept, cacheMb: envMb('SQLITE_CACHE_MB'), mmapMb: envMb('SQLITE_MMAP_MB') }), cleanup: async () => {}, copied: false }
    : await openBenchDatabase(String(values.db), { pgTemplate: values['pg-template'] });
const reused = keptExists || copied || keptCity !== undefined;
try {
  await migrateToLatest(database.db);
  await database.optimize();
  // A kept database is read again by a later run: its sealed values and blind indexes need the same key.
  const key = keptCity !== undefined ? Buffer.from(keptCity.key, 'base64')
    : kept !== undefined || values['pg-template'] !== undefined ? createHash('sha256').update('openline bench key').digest() : randomBytes(32);
  const ctx = { db: database.db, dialect: database.dialect, pii: createPiiCipher(key), publicRateLimits: false };
  const openCases = Number(values['open-cases']);
  const openShare = Number(values['open-share']);
  const existing = keptCity !== undefined ? { id: keptCity.city.jurisdictionId }
    : reused ? await ctx.db.selectFrom('jurisdictions').select('id').where('code', '=', 'bench').executeTakeFirst() : undefined;
  const j = existing ? await findJurisdiction(ctx.db, existing.id) : await createJurisdiction(ctx.db, { code: 'bench', name: '基准市' });
  if (!j) throw new Error('the kept database has no bench jurisdiction');
  if (!existing && openCases > 0) {
    const city = await createOrgUnit(ctx.db, { jurisdictionId: j.id, parentId: null, name: '市政府', kind: 'city' });
    const t = performance.now();
    // A share of generated cases is open (30 % by default): generate enough for the open ones asked for.
    const count = Math.round(openCases / openShare);
    await generateCases(ctx.db, ctx.pii, { jurisdictionId: j.id, timezone: j.timezone, unitIds: [city.id], count, now: new Date(), searchIndex: database.dialect, openShare });
    await database.optimize();
    // PostgreSQL: statistics now, as autovacuum would give a loaded table soon after (a copy made
    // from the template keeps them). Without them the caller look-up read the whole jurisdiction's
    // 90 days per appeal (a BitmapAnd with cases_jurisdiction_created, 5–8 ms at 50,000 cases).
    if (database.dialect === 'postgres') await sql`ANALYZE`.execute(ctx.db);
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
  // --slice-ms N: batches as the SQLite drainer runs them (ADR 0049): rows claimed one at a time
  // until the next would pass N ms (5 while appeals arrive, 20 when quiet); without it, `--batch` rows at once.
  const sliceMs = values['slice-ms'] === undefined ? undefined : Number(values['slice-ms']);
  const drainers = Number(values.drainers);
  const drain = async (limit: number): Promise<{ processed: number; cpuMs: number; seconds: number; serverMs: number | null; readBytes: number; writtenBytes: number; mainMs: number }> => {
    const server = await serverCpuMs();
    const read = bytesRead();
    const written = bytesWritten();
    const main = mainThreadCpuMs();
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    let processed = 0;
    // --drainers N: N drain loops at once, as N workers would run them (claims skip each other's rows).
    await Promise.all(Array.from({ length: drainers }, async () => {
      for (;;) {
        const batch = await processIntakeBatch(ctx, sliceMs === undefined ? { limit } : { limit, budgetMs: sliceMs });
        if (batch.claimed === 0) break;
        processed += batch.processed;
      }
    }));
    const used = process.cpuUsage(cpu);
    const serverAfter = await serverCpuMs();
    const serverMs = server === null || serverAfter === null ? null : serverAfter - server;
    return { processed, cpuMs: (used.user + used.system) / 1000, seconds: (performance.now() - t0) / 1000, serverMs, readBytes: bytesRead() - read,
      writtenBytes: bytesWritten() - written, mainMs: mainThreadCpuMs() - main };
  };
  // A surge in progress: the same-incident window already holds the first appeals' cases.
  await accept(Number(values.warm), 7);
  await drain(Number(values.batch));
  // PostgreSQL: statistics for what the warm-up wrote, as autovacuum takes them within a minute of a
  // surge's first appeals. A table the run began empty (0 open cases) is otherwise planned as if it
  // were a page long, and a batch's look-ups read the jurisdiction's window instead of the caller's index.
  if (database.dialect === 'postgres') await sql`ANALYZE`.execute(ctx.db);
  await accept(Number(values.appeals), 8);
  // --profile FILE: a CPU profile of the measured processing only (open it in Chrome's DevTools).
  const timing = values.statements !== undefined && database.dialect === 'sqlite' ? timeStatements() : undefined;
  const session = values.profile ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  // PERF_CTL=FIFO (with `perf record --control=fifo:FIFO -D -1`): the native profile (SQLite's own
  // functions, the kernel's) covers the measured processing only, as --profile does for JavaScript.
  const perf = process.env.PERF_CTL;
  if (perf) writeFileSync(perf, 'enable\n');
  const r = await drain(Number(values.batch));
  if (perf) writeFileSync(perf, 'disable\n');
  if (session && values.profile) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(values.profile, JSON.stringify(profile));
    session.disconnect();
  }
  timing?.stop();
  const after = await publicIntakeFigures(ctx.db);
  console.log(
    `${database.dialect}, ${Number(open.n)} open cases, batch ${values.batch}${sliceMs === undefined ? '' : ` in ${sliceMs} ms slices`}: ${r.processed} appeals in ${r.seconds.toFixed(2)} s = ${Math.round(r.processed / r.seconds)}/s, ` +
      `${(r.cpuMs / Math.max(1, r.processed)).toFixed(3)} ms CPU per appeal` +
      (r.serverMs === null ? '' : ` (+ ${(r.serverMs / Math.max(1, r.processed)).toFixed(3)} ms of the PostgreSQL server's)`) + `; backlog left ${after.backlog}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`,
  );
  // Bytes the process read through read(2) (SQLite's pages missed by its own cache, from the OS's),
  // and its resident memory: what a larger page cache trades (ADR 0063).
  const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);
  const perAppeal = (x: number): number => x / Math.max(1, r.processed);
  // The event loop's thread alone, and the rest (SQLite's checkpointer worker, GC and libuv threads):
  // process.cpuUsage counts them all, and only the first holds the connection accepts wait for.
  console.log(`  event loop's thread ${perAppeal(r.mainMs).toFixed(3)} ms per appeal, other threads ${perAppeal(r.cpuMs - r.mainMs).toFixed(3)} ms; ` +
    `written ${(perAppeal(r.writtenBytes) / 1024).toFixed(1)} KiB per appeal (SQLite's WAL frames and the checkpoint's copies)`);
  console.log(`  read ${(r.readBytes / 1024 / Math.max(1, r.processed)).toFixed(1)} KiB per appeal from the OS; RSS ${mb(process.memoryUsage().rss)} MB now, ${mb(process.resourceUsage().maxRSS * 1024)} MB at most` +
    (database.dialect === 'sqlite' ? `; SQLite cache_size ${String(await pragma(ctx, 'cache_size'))}, mmap_size ${String(await pragma(ctx, 'mmap_size'))}` : ''));
  if (timing) console.log(timing.report(Number(values.statements), r.processed));
} finally {
  await database.close();
  await cleanup();
}

/** SQLITE_CACHE_MB / SQLITE_MMAP_MB as the server reads them (config.ts); unset: the server's default. */
function envMb(name: string): number | undefined {
  const v = process.env[name];
  return v === undefined || v === '' ? undefined : Number(v);
}

/** rchar of /proc/self/io: every byte read(2) returned, from the OS's page cache or the disk. */
function bytesRead(): number {
  return procIo('rchar');
}

/** wchar of /proc/self/io: every byte write(2) took (the WAL's frames, the checkpoint's page copies). */
function bytesWritten(): number {
  return procIo('wchar');
}

function procIo(field: 'rchar' | 'wchar'): number {
  try {
    return Number(new RegExp(`^${field}: (\\d+)$`, 'm').exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** User + system CPU of the main thread alone (its task's stat; the thread id is the process id), in ms. */
function mainThreadCpuMs(): number {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10; // USER_HZ 100
  } catch {
    return 0;
  }
}

async function pragma(ctx: { db: Kysely<DB> }, name: 'cache_size' | 'mmap_size'): Promise<unknown> {
  const { rows } = await sql<Record<string, unknown>>`${sql.raw(`PRAGMA ${name}`)}`.execute(ctx.db);
  return rows[0] ? Object.values(rows[0])[0] : undefined;
}

/**
 * Times every call of better-sqlite3's statements (shared by all connections: one prototype) by its
 * SQL text, from now until stop(): the process's CPU time over the synchronous call (wall time on a
 * loaded machine is mostly waiting for a core). getrusage counts every thread, so a background
 * checkpoint running meanwhile lands on whichever statement was running.
 */
function timeStatements(): { stop(): void; report(top: number, appeals: number): string } {
  const probe = new BetterSqlite3(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<'run' | 'get' | 'all', (this: BetterSqlite3.Statement, ...args: unknown[]) => unknown>;
  probe.close();
  const totals = new Map<string, { calls: number; ms: number }>();
  const originals = { run: proto.run, get: proto.get, all: proto.all };
  for (const name of ['run', 'get', 'all'] as const) {
    const original = originals[name];
    proto[name] = function (this: BetterSqlite3.Statement, ...args: unknown[]): unknown {
      const t = process.cpuUsage();
      try {
        return original.apply(this, args);
      } finally {
        const used = process.cpuUsage(t);
        const entry = totals.get(this.source) ?? { calls: 0, ms: 0 };
        entry.calls += 1;
        entry.ms += (used.user + used.system) / 1000;
        totals.set(this.source, entry);
      }
    };
  }
  return {
    stop: () => Object.assign(proto, originals),
    report: (top, appeals) => {
      const all = [...totals.entries()].sort((a, b) => b[1].ms - a[1].ms);
      const sum = all.reduce((s, [, e]) => s + e.ms, 0);
      const per = (ms: number): string => `${((ms * 1000) / Math.max(1, appeals)).toFixed(0).padStart(5)} µs`;
      return [`  statements: ${per(sum)} per appeal in ${all.length} distinct texts; the ${top} costliest:`]
        .concat(all.slice(0, top).map(([text, e]) => `  ${per(e.ms)} ${(e.calls / Math.max(1, appeals)).toFixed(2).padStart(5)} calls  ${text.replace(/\s+/g, ' ').slice(0, Number(process.env.STATEMENT_CHARS ?? 150))}`))
        .join('\n');
    },
  };
}
