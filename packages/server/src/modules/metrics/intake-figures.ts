import type { AppContext } from '../../lib/app-context.js';
import { publicIntakeFigures } from '../public-intake/figures.js';
import { countContactsSince } from './repository.js';

/** The window over which intake is counted: short enough to see a surge, long enough to be steady. */
export const INTAKE_WINDOW_MINUTES = 5;

/**
 * What the intake gauges show. Whatever takes appeals in (today: synchronously, in the
 * request; later a durable batched intake) answers these from its own records.
 */
export interface IntakeFigures {
  /** Appeals accepted (answered to the sender) in the last INTAKE_WINDOW_MINUTES. */
  acceptedRecent: number;
  /** Appeals fully processed (case opened, attached, merged or redirected) in that window. */
  processedRecent: number;
  /** Accepted and not yet processed, whenever accepted, still being tried. */
  backlog: number;
  /** Age of the oldest of those; 0 when there is none. */
  backlogOldestSeconds: number;
  /** Accepted, failed too often to be tried again: they wait for a person (ADR 0032). */
  failed: number;
}

export type IntakeFiguresSource = (now: Date) => Promise<IntakeFigures>;

/**
 * Today's intake is synchronous: an appeal is processed in the request that accepts it, so
 * accepted = processed (the contacts received in the window) and there is never a backlog.
 */
export function synchronousIntakeFigures(ctx: Pick<AppContext, 'db'>): IntakeFiguresSource {
  return async (now) => {
    const since = new Date(now.getTime() - INTAKE_WINDOW_MINUTES * 60_000).toISOString();
    const received = await countContactsSince(ctx.db, since);
    return { acceptedRecent: received, processedRecent: received, backlog: 0, backlogOldestSeconds: 0, failed: 0 };
  };
}

/**
 * With the durable web intake (ADR 0032): every channel's contacts in the window are processed
 * ones (the web form's become contacts when the drainer files them), and the web form's queue
 * adds what is accepted but not yet filed.
 */
export function durableIntakeFigures(ctx: Pick<AppContext, 'db'>): IntakeFiguresSource {
  const synchronous = synchronousIntakeFigures(ctx);
  return async (now) => {
    const [done, queue] = await Promise.all([synchronous(now), publicIntakeFigures(ctx.db, now)]);
    const waiting = queue.backlog - queue.failed;
    return { acceptedRecent: done.acceptedRecent + waiting, processedRecent: done.processedRecent, backlog: waiting, backlogOldestSeconds: queue.lagSeconds, failed: queue.failed };
  };
}
