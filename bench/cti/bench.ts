import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { buildApp } from '../../packages/server/src/app.js';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import type { Database } from '../../packages/server/src/db/database.js';
import { createJurisdiction, createLine, createOrgUnit, createUser } from '../../packages/server/src/modules/org/service.js';
import { driveCti, driveCtiInThread, type DriveResult } from './drive.js';
import { planCtiTraffic } from './plan.js';

export interface CtiBenchResult extends DriveResult {
  db: string;
  connections: number;
  calls: number;
  /** What the database holds afterwards, to compare with what was sent. */
  stored: { callRecords: number; callEvents: number; distinctEventsSent: number; answered: number; lateAnswers: number };
  /** Whether the client ran on a thread of its own. */
  clientThread: boolean;
  /** CPU of the whole process (server, and client when it shares the thread or not) per event, user + system. */
  cpuMsPerEvent: number;
  /** Time the server's thread was busy per event (event-loop utilisation; SQLite's commits block it, so they count). */
  serverBusyMsPerEvent: number;
  /**
   * CPU of the server's own thread per event (Linux: /proc/self/task/<pid>/stat; null elsewhere):
   * the cost the webhook itself puts on a core, without the client thread and V8's helper threads.
   */
  serverThreadCpuMsPerEvent: number | null;
  /**
   * PostgreSQL only: CPU of the bench database's backends per event (/proc/<pid>/stat, the server
   * on this machine), so the server thread plus this is what one event costs the machine's cores.
   */
  pgBackendCpuMsPerEvent: number | null;
  lost: boolean;
}

const PASSWORD = 'bench password, not secret';
/** Linux's USER_HZ is 100 on every architecture Node runs on: /proc times are in 10-ms ticks. */
const MS_PER_TICK = 10;

/**
 * CPU time of a process or thread from /proc, in ms; null when it is not there. schedstat's first
 * field is the time on a CPU in ns, exact where stat's utime + stime are sampled in 10-ms ticks
 * (too coarse to tell two runs apart on a few seconds of backend time); stat is the fallback.
 */
function cpuMs(dir: string): number | null {
  try {
    const ns = Number(readFileSync(`${dir}/schedstat`, 'utf8').split(' ')[0]);
    if (Number.isFinite(ns)) return ns / 1e6;
  } catch {
    // No schedstat (a kernel without CONFIG_SCHED_INFO): the ticks below.
  }
  try {
    const stat = readFileSync(`${dir}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) in parentheses: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return null;
  }
}
/** The main thread's (the server's) CPU ms. */
const mainThreadCpuMs = (): number | null => cpuMs(`/proc/self/task/${process.pid}`);

/**
 * CPU ms of each client backend on the bench's PostgreSQL database, by pid (null on SQLite or without
 * /proc). A backend the pool opens during the run counts from zero (its start-up is in the run);
 * one that ends during the run is missed, which the pool (kept-alive, max 10) does not do under load.
 */
async function backendCpuMs(database: Database): Promise<Map<number, number> | null> {
  if (database.dialect !== 'postgres') return null;
  // Client backends only: an autovacuum worker on the database at one of the two readings counted
  // its whole life, or none of it, by chance (docs/benchmarks.md, ADR 0058's section).
  const { rows } = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`.execute(database.db);
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    const t = cpuMs(`/proc/${pid}`);
    if (t !== null) cpu.set(pid, t);
  }
  return cpu.size > 0 ? cpu : null;
}
const LINES = ['0000-88001234', '0000-88005678', '0000-12345000', '0000-66660000'];
const OPERATORS = ['op1', 'op2', 'op3'];

/**
 * The CTI webhook under load, end to end: the real app listening on a random port of a
 * migrated database, an admin who signs in and issues a phone-system token over HTTP, then the
 * planned traffic over `connections` sockets. The public limits are off, as PUBLIC_RATE_LIMITS=0
 * makes them for load tests: the per-token limit would otherwise refuse the run, not measure it.
 */
export async function runCtiBench(database: Database, o: { events: number; connections: number; clientThread?: boolean }): Promise<CtiBenchResult> {
  const ctx = { db: database.db, dialect: database.dialect, pii: createPiiCipher(randomBytes(32)) };
  const j = await createJurisdiction(ctx.db, { code: 'bench', name: '基准市' });
  const city = await createOrgUnit(ctx.db, { jurisdictionId: j.id, parentId: null, name: '市政府', kind: 'city' });
  const centre = await createOrgUnit(ctx.db, { jurisdictionId: j.id, parentId: city.id, name: '12345热线中心', kind: 'centre' });
  await createUser(ctx.db, { jurisdictionId: j.id, orgUnitId: city.id, username: 'bench-admin', displayName: 'bench-admin', password: PASSWORD, roles: ['admin'] });
  for (const u of OPERATORS) await createUser(ctx.db, { jurisdictionId: j.id, orgUnitId: centre.id, username: u, displayName: u, password: PASSWORD, roles: ['operator'] });
  for (const [i, number] of LINES.entries()) {
    await createLine(ctx.db, {
      jurisdictionId: j.id, number, name: `热线${i}`, ownerUserId: null, ownerTitle: '', mode: 'staffed', isPublic: true,
      serviceHours: { weekly: {}, onHolidays: 'open' },
    });
  }

  const app = await buildApp({
    config: { logLevel: 'silent', webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false, publicRateLimits: false },
    database, pii: ctx.pii,
  });
  try {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const login = await fetch(`${address}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-admin', password: PASSWORD }),
    });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c?.startsWith('openline_session='));
    if (login.status !== 200 || !cookie) throw new Error(`login failed: ${login.status}`);
    const issued = await fetch(`${address}/api/v1/admin/cti-tokens`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ name: 'bench bridge' }),
    });
    if (issued.status !== 201) throw new Error(`token not issued: ${issued.status} ${await issued.text()}`);
    const { id: tokenId, token } = (await issued.json()) as { id: string; token: string };

    const plan = planCtiTraffic({ events: o.events, lines: LINES, users: OPERATORS, runId: randomBytes(4).toString('hex') });
    const url = new URL(`/api/v1/cti/${token}`, address);
    const cpu = process.cpuUsage();
    const mainCpu = mainThreadCpuMs();
    const pgCpu = await backendCpuMs(database);
    const elu = performance.eventLoopUtilization();
    const drive = o.clientThread ? await driveCtiInThread(url, plan, o.connections) : await driveCti(url, plan, o.connections);
    const used = process.cpuUsage(cpu);
    const mainCpuAfter = mainThreadCpuMs();
    const pgCpuAfter = await backendCpuMs(database);
    const busy = performance.eventLoopUtilization(elu);
    const perEvent = (ms: number): number => Number((ms / Math.max(1, drive.sent)).toFixed(3));

    const records = ctx.db.selectFrom('call_records').where('cti_token_id', '=', tokenId);
    const count = async (q: typeof records): Promise<number> => Number((await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
    const callEvents = Number((await ctx.db.selectFrom('call_events').innerJoin('call_records', 'call_records.id', 'call_events.call_id')
      .where('call_records.cti_token_id', '=', tokenId).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
    const stored = {
      callRecords: await count(records), callEvents, distinctEventsSent: plan.distinctEvents,
      answered: await count(records.where('outcome', '=', 'answered')), lateAnswers: await count(records.where('late_answer', '=', 1)),
    };
    const lost = stored.callRecords !== plan.calls.length || stored.callEvents !== plan.distinctEvents || Object.keys(drive.failures).length > 0;
    return {
      db: database.dialect, connections: o.connections, calls: plan.calls.length, ...drive, stored, lost, clientThread: o.clientThread ?? false,
      cpuMsPerEvent: perEvent((used.user + used.system) / 1000), serverBusyMsPerEvent: perEvent(busy.active),
      serverThreadCpuMsPerEvent: mainCpu === null || mainCpuAfter === null ? null : perEvent(mainCpuAfter - mainCpu),
      pgBackendCpuMsPerEvent: pgCpu === null || pgCpuAfter === null
        ? null
        : perEvent([...pgCpuAfter].reduce((sum, [pid, t]) => sum + t - (pgCpu.get(pid) ?? 0), 0)),
    };
  } finally {
    await app.close();
  }
}
