import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildApp } from '../../packages/server/src/app.js';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import type { Database } from '../../packages/server/src/db/database.js';
import { processIntakeBatch } from '../../packages/server/src/modules/public-intake/process.js';
import { publicIntakeFigures } from '../../packages/server/src/modules/public-intake/figures.js';
import { createJurisdiction, createOrgUnit } from '../../packages/server/src/modules/org/service.js';
import { generateCases } from '../cases/generate.js';
import { appealBodies } from './appeals.js';
import { startBareServer } from './bare.js';
import { driveAppeals, driveAppealsInThread, type AppealDrive, type DriveOptions } from './drive.js';

type Run = Omit<AppealDrive, 'codes'>;

export interface IntakeBenchResult {
  db: string;
  connections: number;
  /** Fastify + one durable SQLite insert per request, same client, same moment (SQLite file, WAL, synchronous=FULL). */
  bare: Run;
  /** Openline's POST /public/appeals, accepting only (no drainer): the durable intake rate. */
  openline: Run;
  /** openline.perSecond / bare.perSecond. */
  ratio: number;
  /** Openline at a fixed rate with its drainer running, as in a real surge. */
  atRate: Run & { rate: number; drain: AtRateDrain };
  /** What the database holds: every 201 must be a row, none lost. */
  stored: { accepted: number; answered: number; lost: boolean };
  /** Working off the backlog afterwards: CPU per appeal of the processing, with `openCases` open cases in the database. */
  processing: { appeals: number; openCases: number; seconds: number; perSecond: number; cpuMsPerAppeal: number; backlogAfter: number };
}

/**
 * What the drainer did during the fixed-rate run (ADR 0049): its pace beside the arrival rate,
 * the backlog it started and ended with, and how long the server's event loop was held (what an
 * arriving request waits before it is even read).
 */
export interface AtRateDrain {
  processed: number;
  perSecond: number;
  backlogBefore: number;
  backlogAfter: number;
  loopDelayMs: { p50: number; p99: number; max: number };
}

const strip = ({ codes: _codes, ...run }: AppealDrive): Run => run;

/**
 * The public intake benchmark (issue 13 §1–2), end to end over real HTTP: the bare ceiling and
 * Openline one after the other with the same client on a thread of its own, then a fixed-rate run
 * with the drainer on, then the drainer's own pace on the backlog the runs left.
 */
export async function runIntakeBench(
  database: Database,
  o: { appeals: number; connections: number; rate: number; rateAppeals: number; openCases: number; clientThread?: boolean; process?: number },
): Promise<IntakeBenchResult> {
  const ctx = { db: database.db, dialect: database.dialect, pii: createPiiCipher(randomBytes(32)) };
  const j = await createJurisdiction(ctx.db, { code: 'bench', name: '基准市' });
  const city = await createOrgUnit(ctx.db, { jurisdictionId: j.id, parentId: null, name: '市政府', kind: 'city' });
  if (o.openCases > 0) {
    // 30 % of generated cases are open: generate enough for the open ones asked for.
    await generateCases(ctx.db, ctx.pii, { jurisdictionId: j.id, timezone: j.timezone, unitIds: [city.id], count: Math.round(o.openCases / 0.3), now: new Date(), searchIndex: database.dialect });
    await database.optimize();
  }
  const drive = (base: string, bodies: string[], d: DriveOptions): Promise<AppealDrive> =>
    o.clientThread === false ? driveAppeals(base, bodies, d) : driveAppealsInThread(base, bodies, d);

  const bareServer = await startBareServer();
  let bare: AppealDrive;
  try {
    bare = await drive(bareServer.url, appealBodies(o.appeals, 1), { connections: o.connections, path: '/appeals' });
  } finally {
    await bareServer.close();
  }

  const config = { logLevel: 'silent' as const, webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false as const, publicRateLimits: false };
  const acceptOnly = await buildApp({ config, database, pii: ctx.pii, publicIntakeDrainer: false });
  let openline: AppealDrive;
  try {
    const base = await acceptOnly.listen({ port: 0, host: '127.0.0.1' });
    openline = await drive(base, appealBodies(o.appeals, 2), { connections: o.connections, path: '/api/v1/public/appeals' });
  } finally {
    await acceptOnly.close();
  }

  const draining = await buildApp({ config, database, pii: ctx.pii });
  let atRate: AppealDrive;
  let drain: AtRateDrain;
  try {
    const base = await draining.listen({ port: 0, host: '127.0.0.1' });
    const before = await publicIntakeFigures(ctx.db);
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    atRate = await drive(base, appealBodies(o.rateAppeals, 3), { connections: o.connections, rate: o.rate, path: '/api/v1/public/appeals' });
    loop.disable();
    const after = await publicIntakeFigures(ctx.db);
    const processed = after.processed - before.processed;
    const ms = (ns: number): number => Number((ns / 1e6).toFixed(1));
    drain = {
      processed, perSecond: Math.round(processed / Math.max(atRate.seconds, 0.001)), backlogBefore: before.backlog, backlogAfter: after.backlog,
      loopDelayMs: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
    };
  } finally {
    await draining.close();
  }

  const figures = await publicIntakeFigures(ctx.db);
  const answered = openline.codes.length + atRate.codes.length;
  const stored = { accepted: figures.accepted, answered, lost: figures.accepted < answered };

  // The drainer's pace on the backlog left: as many batches as it takes, CPU of this process.
  const toProcess = Math.min(figures.backlog, o.process ?? figures.backlog);
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  let processed = 0;
  while (processed < toProcess) {
    const batch = await processIntakeBatch(ctx, { limit: 32 });
    if (batch.claimed === 0) break;
    processed += batch.processed;
  }
  const seconds = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu);
  const after = await publicIntakeFigures(ctx.db);
  return {
    db: database.dialect, connections: o.connections,
    bare: strip(bare), openline: strip(openline), ratio: Number((openline.perSecond / Math.max(1, bare.perSecond)).toFixed(2)),
    atRate: { ...strip(atRate), rate: o.rate, drain }, stored,
    processing: {
      appeals: processed, openCases: o.openCases, seconds: Number(seconds.toFixed(2)), perSecond: Math.round(processed / Math.max(seconds, 0.001)),
      cpuMsPerAppeal: Number(((used.user + used.system) / 1000 / Math.max(1, processed)).toFixed(3)), backlogAfter: after.backlog,
    },
  };
}
