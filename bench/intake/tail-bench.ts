import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { publicAppealInput } from '@openline/core';
import { buildApp } from '../../packages/server/src/app.js';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import type { Database } from '../../packages/server/src/db/database.js';
import { acceptPublicAppeals, prepareSubmission } from '../../packages/server/src/modules/public-intake/accept.js';
import { publicIntakeFigures } from '../../packages/server/src/modules/public-intake/figures.js';
import { createJurisdiction } from '../../packages/server/src/modules/org/service.js';
import { appealBodies } from './appeals.js';
import { driveAppealsInChild, driveAppealsInThread, type AppealDrive, type DriveOptions } from './drive.js';
import { epochMs, watchLoop } from './loop-watch.js';
import type { ServerTimeline } from './tail-breakdown.js';

export interface TailOptions {
  rate: number;
  seconds: number;
  warmSeconds: number;
  connections: number;
  drainer: boolean;
  /** Appeals waiting before the run: the drainer has work from the first moment. */
  backlog: number;
  /** The client in a child process (default) or a worker thread (tests: no second tsx start). */
  client?: 'process' | 'thread';
}

export interface TailRun {
  run: AppealDrive;
  timeline: ServerTimeline;
  /** Server process CPU per request during the run (drainer and checkpointer threads included). */
  cpuUsPerRequest: number;
  systemUsPerRequest: number;
  drainer: { processed: number; backlogBefore: number; backlogAfter: number };
  /** Every 201 of the run is a row: rows accepted in the run against answers. */
  stored: { accepted: number; answered: number };
  /** SQLite with the background checkpointer: frames appended to the log, and the times it started over (checkpoints at the bound). */
  wal?: { frames: number; restarts: number; atBound: number };
}

/**
 * Openline's public accept at a fixed rate with its timeline kept (bench:intake-tail): the server
 * here, the client elsewhere, after a warm-up at the same rate that is not measured.
 */
export async function runTailBench(database: Database, o: TailOptions): Promise<TailRun> {
  const pii = createPiiCipher(randomBytes(32));
  await createJurisdiction(database.db, { code: 'bench', name: '基准市' });
  const ctx = { db: database.db, dialect: database.dialect, pii, publicRateLimits: false };
  const waiting = appealBodies(o.backlog, 9).map((b) => prepareSubmission(publicAppealInput.parse(JSON.parse(b)), '10.9.0.1'));
  for (let i = 0; i < waiting.length; i += 256) await acceptPublicAppeals(ctx, waiting.slice(i, i + 256));

  const config = { logLevel: 'silent' as const, webDist: path.join(tmpdir(), 'openline-no-web'), trustProxy: false as const, publicRateLimits: false };
  const app = await buildApp({ config, database, pii, publicIntakeDrainer: o.drainer });
  try {
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const drive = (bodies: string[], d: DriveOptions): Promise<AppealDrive> =>
      o.client === 'thread' ? driveAppealsInThread(base, bodies, d) : driveAppealsInChild(base, bodies, d);
    const route = '/api/v1/public/appeals';
    const warm = Math.round(o.rate * o.warmSeconds);
    if (warm > 0) await drive(appealBodies(warm, 7), { connections: o.connections, rate: o.rate, path: route });

    const timeline: ServerTimeline = { submits: new Map(), batches: [], slices: [], drainerHoldsLoop: database.dialect === 'sqlite', loop: { gcs: [], stalls: [], delayMs: { p50: 0, p99: 0, max: 0 } }, checkpoints: [], window: { from: epochMs(), to: 0 } };
    const submit = app.publicIntake.submit;
    app.publicIntake.submit = async (s) => {
      const submitAt = epochMs();
      const accepted = await submit(s);
      if (accepted.ok) timeline.submits.set(accepted.trackingCode, { submitAt, resolvedAt: epochMs() });
      return accepted;
    };
    app.publicIntake.trace({
      acceptBatch: (b) => timeline.batches.push({
        from: epochMs(b.startedAt), to: epochMs(b.endedAt), size: b.size, insertAt: epochMs(b.marks.insertAt ?? b.startedAt),
        oldestQueuedAt: epochMs(b.oldestQueuedAt), meanQueuedMs: b.meanQueuedMs,
      }),
      drainerSlice: (s) => timeline.slices.push({ from: epochMs(s.startedAt), to: epochMs(s.endedAt), claimed: s.claimed }),
    });
    // The checkpointer keeps its last 64 checkpoints (≥ 1 ms): read them often enough to miss none.
    const seen = new Set<number>();
    const collectCheckpoints = (): void => {
      const use = database.poolUse();
      if (use.kind !== 'sqlite') return;
      for (const c of use.checkpointer?.recent ?? []) {
        if (seen.has(c.at)) continue;
        seen.add(c.at);
        timeline.checkpoints.push({ from: c.at, to: c.at + c.ms });
      }
    };
    const poll = setInterval(collectCheckpoints, 500);
    const walFigures = (): { frames: number; restarts: number; atBound: number } | undefined => {
      const use = database.poolUse();
      const c = use.kind === 'sqlite' ? use.checkpointer : null;
      return c ? { frames: c.framesSeen, restarts: c.restarts, atBound: c.boundRestarts } : undefined;
    };
    const walBefore = walFigures();
    const before = await publicIntakeFigures(database.db);
    const watch = watchLoop();
    const cpu = process.cpuUsage();
    const run = await drive(appealBodies(Math.round(o.rate * o.seconds), 8), { connections: o.connections, rate: o.rate, path: route, record: true });
    const used = process.cpuUsage(cpu);
    timeline.loop = watch.stop();
    timeline.window.to = epochMs();
    clearInterval(poll);
    collectCheckpoints();
    const walAfter = walFigures();
    app.publicIntake.trace(undefined);
    app.publicIntake.submit = submit;
    const after = await publicIntakeFigures(database.db);
    const n = Math.max(1, run.sent);
    return {
      run, timeline,
      cpuUsPerRequest: Math.round((used.user + used.system) / n), systemUsPerRequest: Math.round(used.system / n),
      drainer: { processed: after.processed - before.processed, backlogBefore: before.backlog, backlogAfter: after.backlog },
      stored: { accepted: after.accepted - before.accepted, answered: run.codes.length },
      ...(walBefore && walAfter ? { wal: { frames: walAfter.frames - walBefore.frames, restarts: walAfter.restarts - walBefore.restarts, atBound: walAfter.atBound - walBefore.atBound } } : {}),
    };
  } finally {
    await app.close();
  }
}
