import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../lib/app-context.js';
import { createGroupCommit, type BatchTiming } from '../../lib/group-commit.js';
import { acceptPublicAppeals, type Acceptance, type AppealSubmission } from './accept.js';
import { startIntakeDrainer, type DrainerSlice } from './drainer.js';

/**
 * What a bench listens to (bench:intake-tail): each accept batch (its queue wait, its write, when
 * its insert and commit began: `marks.insertAt`) and each drainer batch, in `performance.now()` time.
 */
export interface IntakeTrace {
  acceptBatch(b: BatchTiming): void;
  drainerSlice(s: DrainerSlice): void;
}

/** The app's public intake: the group-committed accept path and this process's drainer. */
export interface PublicIntake {
  /** Resolves once the appeal's batch has committed (on disk), with its tracking code or refusal. */
  submit(submission: AppealSubmission): Promise<Acceptance>;
  /** Processes everything this process can claim now (tests, and an admin's "process now"). */
  flush(): Promise<void>;
  /** Accept batches committed by this process and the appeals in them (benchmarks: the mean batch). */
  acceptStats(): { batches: number; items: number };
  /** Starts (or with undefined stops) reporting every batch to a bench; nothing listens otherwise. */
  trace(listener: IntakeTrace | undefined): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    publicIntake: PublicIntake;
  }
}

/** Largest batch of one commit: a few hundred rows is one statement on both databases. */
const MAX_ACCEPT_BATCH = 256;
/** PostgreSQL: appeals that must be waiting before a batch starts beside one in flight (ADR 0056). */
const ACCEPT_OVERLAP_AT = 16;
/** How often a drainer looks for rows another process accepted or left behind. */
const POLL_MS = 1000;

/**
 * Sets up public intake on the app (ADR 0032): accepts are group-committed (one writer on SQLite,
 * a few concurrent transactions on PostgreSQL, as the CTI webhook does), and unless `drain` is
 * false this process also drains the backlog, woken by each accepted batch. Both stop with the app:
 * what was accepted is on disk, what is half-processed rolls back and waits for the next drainer.
 */
export function registerPublicIntake(app: FastifyInstance, ctx: AppContext, o: { drain: boolean }): void {
  let tracer: IntakeTrace | undefined;
  const drainer = o.drain ? startIntakeDrainer(ctx, { log: app.log, pollMs: POLL_MS, onSlice: (s) => tracer?.drainerSlice(s) }) : undefined;
  const commits = createGroupCommit<AppealSubmission, Acceptance>((items, marks) => acceptPublicAppeals(ctx, items, marks), {
    maxBatch: MAX_ACCEPT_BATCH,
    // SQLite: two in flight, committed one after the other on its one synchronous connection. They
    // were meant to overlap with ADR 0038's fsync off the loop, which was withdrawn; whether one
    // would now do as well is not measured. PostgreSQL: up to four batches at once, but a second
    // starts beside one in flight only for 16 waiting appeals or more: a batch's round trips and
    // commit cost the same for 1 appeal or 256, and batches of ~9 paid them ~9 times as often
    // (ADR 0056, docs/benchmarks.md).
    concurrency: ctx.dialect === 'sqlite' ? 2 : 4,
    ...(ctx.dialect === 'postgres' ? { overlapAt: ACCEPT_OVERLAP_AT } : {}),
    onBatch: (b) => tracer?.acceptBatch(b),
  });
  app.decorate('publicIntake', {
    submit: async (submission) => {
      const accepted = await commits.submit(submission);
      if (accepted.ok) drainer?.wake();
      return accepted;
    },
    flush: async () => {
      await commits.drain();
      await drainer?.flush();
    },
    acceptStats: () => commits.stats(),
    trace: (listener) => {
      tracer = listener;
    },
  } satisfies PublicIntake);
  app.addHook('onClose', async () => {
    await commits.drain();
    await drainer?.stop();
  });
}
